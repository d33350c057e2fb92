import type { EmrGroups } from '../core/model/emr-cluster.js';
import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import type { RuleSelection } from '../core/model/selection.js';
import type { Json, Parsed } from '../parse/json.js';

/** What a security group trigger asks of the guard, read from the record alone (no AWS call yet). */
export type GuardWork =
  | { readonly kind: 'rules'; readonly selection: RuleSelection }
  /** The groups that reference the list are looked up by the guard, not the parser. */
  | { readonly kind: 'prefix-list'; readonly change: PrefixListChange }
  /** A handled event that asks nothing (a list edit that added no entry). */
  | { readonly kind: 'nothing'; readonly reason: string };

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

/** The work each function receives from its triggers. */
export interface WorkOf {
  readonly guard: GuardWork;
  readonly emrGuard: EmrWork;
  readonly sweep: SweepWork;
}

/** The function a trigger is delivered to (serverless.yml's guard, emrGuard and sweep). */
export type Receiver = keyof WorkOf;

/** A well-formed event that the receiver has nothing to do for (a cluster state it does not guard). */
export interface Ignore {
  readonly kind: 'ignore';
  readonly reason: string;
}

/** A trigger's parser: the event's detail → its work, or the reason it cannot be read. */
export type TriggerParser<R extends Receiver> = (detail: Json) => Parsed<WorkOf[R] | Ignore>;
