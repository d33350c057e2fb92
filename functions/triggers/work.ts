import type { EmrGroups } from '../core/model/emr-cluster.js';
import type { RuleSelection } from '../core/model/selection.js';
import type { Ec2Port } from '../deps.js';
import type { ComplianceChange } from '../parse/compliance-change.js';
import type { Json, Parsed } from '../parse/json.js';
import type { EventWork } from './event-work.js';

/** What a security group trigger asks of the guard, read from the record alone (no AWS call yet). */
export type GuardWork =
  | { readonly kind: 'rules'; readonly selection: RuleSelection }
  /**
   * Work that needs EC2 reads before the pipeline (the groups that reference a prefix list): the
   * parser says what to look up, the guard runs it with the event region's port. A trigger that
   * needs reads is still one parser file and one registry entry.
   */
  | { readonly kind: 'lookup'; readonly lookup: (ec2: Ec2Port) => Promise<EventWork> }
  /** A handled event that asks nothing (a list edit that added no entry). */
  | { readonly kind: 'nothing'; readonly reason: string }
  /** A call whose record names nothing left to read: the event's region is swept at once. */
  | { readonly kind: 'sweep-region'; readonly reason: string };

/** The cluster an EMR trigger is about. */
export interface EmrWork {
  readonly kind: 'cluster';
  readonly clusterId: string;
  readonly clusterName?: string;
  /** Groups the RunJobFlow request named (master and slave at least): no DescribeCluster needed. */
  readonly named?: EmrGroups;
  /** RunJobFlow waits (bounded) for EMR to name the groups; a state change need not: later states follow. */
  readonly waitForGroups: boolean;
}

export interface SweepWork {
  readonly kind: 'sweep';
}

/** An instance's SSH posture changed (Systems Manager compliance, Custom:SshPosture). */
export interface PostureWork {
  readonly kind: 'posture-change';
  readonly change: ComplianceChange;
}

/** The work each function receives from its triggers. */
export interface WorkOf {
  readonly guard: GuardWork;
  readonly emrGuard: EmrWork;
  readonly sweep: SweepWork;
  readonly hostPosture: PostureWork;
}

/** The function a trigger is delivered to (serverless.yml's guard, emrGuard, sweep and hostPosture). */
export type Receiver = keyof WorkOf;

/** A well-formed event that the receiver has nothing to do for (a cluster state it does not guard). */
export interface Ignore {
  readonly kind: 'ignore';
  readonly reason: string;
}

/** A trigger's parser: the event's detail → its work, or the reason it cannot be read. */
export type TriggerParser<R extends Receiver> = (detail: Json) => Parsed<WorkOf[R] | Ignore>;
