import type { BlockPublicAccessWriteResult } from './core/findings/build-bpa-finding.js';
import type { ErrorInfo } from './core/findings/finding.js';
import type { EmrClusterView } from './core/model/emr-cluster.js';
import type { PortRange } from './core/model/rule.js';
import type { BlockPublicAccess } from './core/policy/emr-block-public-access.js';
import type { Deps } from './deps.js';

/**
 * The EMR port, sized to what the EMR guard needs. The SDK adapter (adapters/emr-adapter.ts)
 * implements it in production; tests and the demo use InMemoryEmr.
 */

/** A cluster that ended or cannot be seen is a value: the guard reports it and moves on. */
export type ClusterLookup =
  | ({ readonly gone: false } & EmrClusterView)
  | { readonly gone: true; readonly reason: string; readonly name?: string; readonly state?: string };

export type BlockPublicAccessRead =
  | { readonly ok: true; readonly value: BlockPublicAccess }
  | { readonly ok: false; readonly error: ErrorInfo };

export type BlockPublicAccessWrite = BlockPublicAccessWriteResult;

export interface EmrPort {
  /** DescribeCluster: the cluster's state and groups (empty while EMR is still creating them). */
  describeCluster(clusterId: string): Promise<ClusterLookup>;
  /** GetBlockPublicAccessConfiguration of the port's region; a denied read is a value. */
  readBlockPublicAccess(): Promise<BlockPublicAccessRead>;
  /** PutBlockPublicAccessConfiguration: `current` with only its permitted ranges replaced. */
  writePermittedRanges(
    current: BlockPublicAccess,
    ranges: readonly PortRange[],
  ): Promise<BlockPublicAccessWrite>;
}

export interface EmrDeps extends Deps {
  /** EMR events arrive from every region: one port per region, like EC2. */
  readonly emrFor: (region: string) => EmrPort;
  /** Waits between DescribeCluster attempts; injected so tests and the demo never wait. */
  readonly sleep: (ms: number) => Promise<void>;
}
