import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import type { Rule } from '../core/model/rule.js';
import type { PrefixListInfo } from '../core/policy/classify-source.js';
import {
  type EvaluationContext,
  evaluateGroups,
  evaluateRules,
  type RuleEvaluation,
} from '../core/policy/evaluate.js';
import type { PolicyConfig } from '../core/policy/policy-config.js';
import type { Ec2Port } from '../deps.js';
import { knownEicPrefixLists } from './eic-prefix-lists.js';
import { loadPrefixLists } from './load-prefix-lists.js';

export interface PolicyResult {
  readonly evaluations: readonly RuleEvaluation[];
  readonly prefixLists: ReadonlyMap<string, PrefixListInfo>;
}

/** What the rules are: every rule of their groups or not, and prefix list edits the event reported. */
export interface PolicyScope {
  readonly wholeGroups: boolean;
  readonly prefixListChanges: readonly PrefixListChange[];
}

/**
 * Reads what the policy needs and evaluates. Group tags are read only when the exempt tag is
 * honoured and some rule would otherwise be remediated, so a compliant event still costs no call.
 */
export async function evaluatePolicy(
  rules: readonly Rule[],
  policy: PolicyConfig,
  region: string,
  now: Date,
  ec2: Ec2Port,
  scope: PolicyScope = { wholeGroups: false, prefixListChanges: [] },
): Promise<PolicyResult> {
  const seeded = new Map(knownEicPrefixLists(ec2, region).map((list) => [list.id, list]));
  const prefixLists = await loadPrefixLists(rules, policy.watchedPorts, ec2, seeded, scope.prefixListChanges);
  const ctx: EvaluationContext = { policy, region, prefixLists, now };
  // Group checks (aggregate exposure) need every rule of a group, which only some reads give.
  const evaluate = scope.wholeGroups ? evaluateGroups : evaluateRules;
  const evaluations = evaluate(rules, ctx);
  if (!policy.honorExemptTag) return { evaluations, prefixLists };
  const groupIds = [
    ...new Set(evaluations.flatMap((e) => (e.remediate && e.rule.groupId ? [e.rule.groupId] : []))),
  ];
  if (groupIds.length === 0) return { evaluations, prefixLists };
  // Like prefix lists: a read that fails throws, so Lambda retries and the DLQ alarm catches it.
  const groupTags = await ec2.readGroupTags(groupIds);
  return { evaluations: evaluate(rules, { ...ctx, groupTags }), prefixLists };
}
