import { isCurrentRule } from '../model/rule.js';
import {
  type EvaluationContext,
  evaluateGroups,
  evaluateRules,
  type RuleEvaluation,
} from '../policy/evaluate.js';
import type { DecisionSettings, GuardFacts } from './facts.js';
import { groupsToSum, sumWithGroups } from './group-exposure.js';
import { type PlannedStep, planRemediation } from './plan.js';

/** What one invocation decided: every verdict, and the plan the act step carries out (or skips). */
export interface Decision {
  readonly evaluations: readonly RuleEvaluation[];
  readonly steps: readonly PlannedStep[];
}

/**
 * A fact the decision still lacks. Each costs a call only when it can change the outcome: the rules
 * of a group the event left a public SSH source in (only they can complete a world-sized union),
 * group tags (only a rule that would be remediated can be exempted by one) and the region's EC2
 * Instance Connect lists (only a rule about to be replaced needs them). A compliant event needs none.
 * Asked in this order, each at most once: the group's rules can add revocations, which the tags
 * must cover, and revocations are what the EIC lists are for.
 */
export type FactNeeded =
  | { readonly kind: 'group-rules'; readonly groupIds: readonly string[] }
  | { readonly kind: 'group-tags'; readonly groupIds: readonly string[] }
  | { readonly kind: 'eic-lists' }
  | { readonly kind: 'none' };

export function nextFactNeeded(facts: GuardFacts, settings: DecisionSettings, now: Date): FactNeeded {
  const evaluations = evaluateFacts(facts, settings, now);
  if (!facts.wholeGroups && !facts.groupRules) {
    const groupIds = groupsToSum(evaluations);
    if (groupIds.length > 0) return { kind: 'group-rules', groupIds };
  }
  if (settings.policy.honorExemptTag && !facts.groupTags) {
    const groupIds = [
      ...new Set(evaluations.flatMap((e) => (e.remediate && e.rule.groupId ? [e.rule.groupId] : []))),
    ];
    if (groupIds.length > 0) return { kind: 'group-tags', groupIds };
  }
  const replacing =
    settings.mode === 'replace-with-eic' && evaluations.some((e) => e.remediate && isCurrentRule(e.rule));
  if (replacing && !facts.eic) return { kind: 'eic-lists' };
  return { kind: 'none' };
}

/** The one decision: verdicts, then the plan. Pure: the same facts, settings and clock give the same plan. */
export function decideRemediation(facts: GuardFacts, settings: DecisionSettings, now: Date): Decision {
  const evaluations = evaluateFacts(facts, settings, now);
  const steps = planRemediation(evaluations, settings.mode, {
    watchedPorts: settings.policy.watchedPorts,
    prefixLists: facts.prefixLists,
    ...(facts.eic ? { eic: facts.eic } : {}),
  });
  return { evaluations, steps };
}

function evaluateFacts(facts: GuardFacts, settings: DecisionSettings, now: Date): RuleEvaluation[] {
  const ctx: EvaluationContext = {
    policy: settings.policy,
    region: facts.region,
    prefixLists: facts.prefixLists,
    now,
    ...(facts.groupTags ? { groupTags: facts.groupTags } : {}),
  };
  // Group checks sum the rules the facts hold per group: whole groups, or the event's own rules and
  // then the groups read for them. Missing rules are no longer in any group.
  const own = evaluateGroups(facts.rules, ctx);
  const current = !facts.wholeGroups && facts.groupRules ? sumWithGroups(own, facts.groupRules, ctx) : own;
  return [...current, ...evaluateRules(facts.missing, ctx)];
}
