import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import type { RuleSelection } from '../core/model/selection.js';

/** What a trigger asks of the pipeline, or why it asks nothing (a handled event with no work). */
export type EventWork =
  | {
      readonly kind: 'guard';
      readonly selection: RuleSelection;
      readonly prefixListChanges?: readonly PrefixListChange[];
    }
  | { readonly kind: 'nothing'; readonly reason: string };
