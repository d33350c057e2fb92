import type { CurrentRule, RequestedRule } from './rule.js';

/**
 * What a trigger asks the pipeline to evaluate. Parsers produce one; the gather step reads from EC2
 * only what the selection lacks (minimal calls) and turns it into current rules and missing ones.
 */
/**
 * Items of the event the parser could not read, each with why: they are reported in one finding of
 * the same event, while every rule that could be read is judged and remediated.
 */
interface Unreadable {
  readonly unreadable?: readonly string[];
}

export type RuleSelection =
  /**
   * Complete rules with ids (the response rule set, a sweep's read): no AWS read needed.
   * `wholeGroups` says they are every rule of their groups, so group checks (aggregate exposure) apply.
   */
  | ({
      readonly kind: 'rules';
      readonly rules: readonly CurrentRule[];
      readonly wholeGroups?: boolean;
    } & Unreadable)
  /** Requested rules without ids (pre-2021 records, group names): matched against the group's rules. */
  | ({ readonly kind: 'match'; readonly rules: readonly RequestedRule[] } & Unreadable)
  /** Rules named by id whose current state (and direction) must be read; `requested` says what was asked. */
  | ({
      readonly kind: 'rule-ids';
      readonly ruleIds: readonly string[];
      readonly requested: readonly RequestedRule[];
    } & Unreadable)
  /** Every rule of these groups (EMR, sweep, prefix-list changes). */
  | ({ readonly kind: 'groups'; readonly groupIds: readonly string[] } & Unreadable);
