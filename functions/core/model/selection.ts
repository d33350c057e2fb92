import type { Rule } from './rule.js';

/**
 * What a trigger asks the pipeline to evaluate. Adapters produce one; the pipeline reads from EC2
 * only what the selection lacks (SPEC §5: minimal calls).
 */
export type RuleSelection =
  /**
   * Complete rules with ids (the response rule set, a sweep's read): no AWS read needed.
   * `wholeGroups` says they are every rule of their groups, so group checks (aggregate exposure) apply.
   */
  | { readonly kind: 'rules'; readonly rules: readonly Rule[]; readonly wholeGroups?: boolean }
  /** Requested rules without ids (pre-2021 records, group names): matched against the group's rules. */
  | { readonly kind: 'match'; readonly rules: readonly Rule[] }
  /** Rules named by id whose current state (and direction) must be read; `requested` says what was asked. */
  | { readonly kind: 'rule-ids'; readonly ruleIds: readonly string[]; readonly requested: readonly Rule[] }
  /** Every rule of these groups (EMR, sweep, prefix-list changes). */
  | { readonly kind: 'groups'; readonly groupIds: readonly string[] };
