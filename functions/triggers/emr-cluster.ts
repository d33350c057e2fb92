import type { ClusterRef } from '../core/findings/build-emr-finding.js';
import type { Finding } from '../core/findings/finding.js';
import {
  type EmrClusterView,
  groupIdsOf,
  hasManagedGroups,
  rolesOfGroups,
} from '../core/model/emr-cluster.js';
import type { EmrPort } from '../emr-deps.js';
import type { GuardInput } from '../pipeline/run-guard.js';
import type { EmrRequest } from './emr.js';

/**
 * Waits between DescribeCluster attempts while a new cluster's groups are still empty: 15 s in all,
 * well inside the 60 s function timeout. Past it, the state-change events (STARTING... WAITING) take over.
 */
export const DESCRIBE_BACKOFF_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000];

export type ClusterResolution =
  | { readonly kind: 'groups'; readonly cluster: EmrClusterView; readonly source: 'request' | 'describe' }
  | { readonly kind: 'gone'; readonly cluster: ClusterRef; readonly reason: string }
  | { readonly kind: 'pending'; readonly cluster: ClusterRef };

/** The request's groups when it named them; otherwise DescribeCluster, retried while they are empty. */
export async function resolveEmrCluster(
  request: EmrRequest,
  emr: EmrPort,
  sleep: (ms: number) => Promise<void>,
): Promise<ClusterResolution> {
  const ref = { id: request.clusterId, ...(request.clusterName ? { name: request.clusterName } : {}) };
  if (request.named) return { kind: 'groups', cluster: { ...ref, groups: request.named }, source: 'request' };
  const waits = request.waitForGroups ? DESCRIBE_BACKOFF_MS : [];
  for (let attempt = 0; ; attempt++) {
    const found = await emr.describeCluster(request.clusterId);
    if (found.gone) {
      const cluster = {
        ...ref,
        ...(found.name ? { name: found.name } : {}),
        ...(found.state ? { state: found.state } : {}),
      };
      return { kind: 'gone', cluster, reason: found.reason };
    }
    const { gone: _, ...cluster } = found;
    if (hasManagedGroups(cluster.groups))
      return { kind: 'groups', cluster: { ...ref, ...cluster }, source: 'describe' };
    const wait = waits[attempt];
    if (wait === undefined) return { kind: 'pending', cluster: { ...ref, ...cluster } };
    await sleep(wait);
  }
}

/** The pipeline's input: every rule of the cluster's groups, each group labelled with its role. */
export function toEmrGuardInput(
  request: EmrRequest,
  resolution: ClusterResolution,
  blockPublicAccess: string,
  extraFindings: readonly Finding[],
): GuardInput {
  if (resolution.kind !== 'groups')
    return { trigger: request.trigger, selection: { kind: 'rules', rules: [] }, extraFindings };
  const { cluster } = resolution;
  const roles = rolesOfGroups(cluster.groups);
  const emr = new Map(
    [...roles].map(([groupId, role]) => [
      groupId,
      {
        clusterId: cluster.id,
        ...(cluster.name ? { clusterName: cluster.name } : {}),
        role,
        ...(cluster.state ? { state: cluster.state } : {}),
        blockPublicAccess,
      },
    ]),
  );
  return {
    trigger: request.trigger,
    selection: { kind: 'groups', groupIds: groupIdsOf(cluster.groups) },
    extraFindings,
    emr,
  };
}
