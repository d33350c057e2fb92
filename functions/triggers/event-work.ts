import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import type { RuleSelection } from '../core/model/selection.js';
import type { Ec2Port } from '../deps.js';
import type { GuardWork } from './work.js';

/** What a trigger asks of the pipeline, or why it asks nothing (a handled event with no work). */
export type EventWork =
  | {
      readonly kind: 'guard';
      readonly selection: RuleSelection;
      readonly prefixListChanges?: readonly PrefixListChange[];
    }
  | { readonly kind: 'nothing'; readonly reason: string }
  | { readonly kind: 'sweep-region'; readonly reason: string };

/** The guard's work for a trigger: only a lookup reads AWS here. */
export async function toEventWork(work: GuardWork, ec2: Ec2Port): Promise<EventWork> {
  if (work.kind === 'nothing' || work.kind === 'sweep-region') return work;
  if (work.kind === 'lookup') return work.lookup(ec2);
  return { kind: 'guard', selection: work.selection };
}
