import type { ActionTaken, ErrorInfo, FindingChange } from '../findings/finding.js';
import type { RuleEvaluation } from '../policy/evaluate.js';
import type { Permission } from './permission.js';

/** What happened to one planned rule: the input of its finding. */
export interface RuleOutcome {
  readonly evaluation: RuleEvaluation;
  readonly action: ActionTaken;
  readonly error?: ErrorInfo;
  /** Anything the reader must know about what was done: a fallback and why. */
  readonly note?: string;
  /** narrowed: what stays open to the same source. */
  readonly kept?: readonly Permission[];
  /** narrowed: what the rule allowed that no permission could keep. */
  readonly dropped?: string;
  /** replaced: what was added instead. */
  readonly added?: readonly Permission[];
  /** The EC2 calls made for this rule, in order (narrow and replace modes). */
  readonly changes?: readonly FindingChange[];
}
