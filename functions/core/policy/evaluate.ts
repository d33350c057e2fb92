import type { Rule } from '../model/rule.js';
import type { CheckResult, Severity } from './checks/check.js';
import { GROUP_CHECKS, RULE_CHECKS } from './checks/index.js';
import type { Classification, SourceContext } from './classify-source.js';
import { type ExemptionMatch, findExemption, type GroupTags } from './exemptions.js';

export type Verdict = 'world-open' | 'review' | 'compliant' | 'not-applicable';

export interface RuleEvaluation {
  readonly rule: Rule;
  readonly verdict: Verdict;
  readonly reason: string;
  readonly checkId?: string;
  readonly severity?: Severity;
  readonly classification?: Classification;
  /** The policy asks for removal and no active exemption stops it. */
  readonly remediate: boolean;
  readonly exemption?: ExemptionMatch;
  /** Check-specific facts for the finding (a group check's address counts). */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface EvaluationContext extends SourceContext {
  readonly now: Date;
  /** Group tags, present only when the policy honours the exempt tag and they had to be read. */
  readonly groupTags?: GroupTags;
}

const VERDICT_BY_CHECK: Record<string, Verdict> = {
  'ssh-world-open': 'world-open',
  'ssh-public-source': 'review',
};

/** Runs every check on every rule. Pure: same rules, policy and clock give the same result. */
export function evaluateRules(rules: readonly Rule[], ctx: EvaluationContext): RuleEvaluation[] {
  return rules.map((rule) => evaluateRule(rule, ctx));
}

/**
 * Rule checks, then group checks, for rules that are every rule of their groups (a sweep, a
 * prefix-list change, EMR): only then can a group's exposure be summed.
 */
export function evaluateGroups(rules: readonly Rule[], ctx: EvaluationContext): RuleEvaluation[] {
  const evaluations = evaluateRules(rules, ctx);
  const byGroup = new Map<string, RuleEvaluation[]>();
  for (const e of evaluations) {
    if (!e.rule.groupId) continue;
    const group = byGroup.get(e.rule.groupId);
    if (group) group.push(e);
    else byGroup.set(e.rule.groupId, [e]);
  }
  const replaced = new Map<RuleEvaluation, RuleEvaluation>();
  for (const group of byGroup.values()) {
    let current: readonly RuleEvaluation[] = group;
    for (const check of GROUP_CHECKS) current = check.evaluate(current, ctx);
    current.forEach((e, i) => {
      if (e !== group[i]) replaced.set(group[i] as RuleEvaluation, e);
    });
  }
  return replaced.size === 0 ? evaluations : evaluations.map((e) => replaced.get(e) ?? e);
}

export function evaluateRule(rule: Rule, ctx: EvaluationContext): RuleEvaluation {
  let compliant: Extract<CheckResult, { status: 'compliant' }> | undefined;
  for (const check of RULE_CHECKS) {
    const result = check.evaluate(rule, ctx);
    if (result.status === 'compliant') compliant ??= result;
    if (result.status !== 'non-compliant') continue;
    const exemption = findExemption(rule, ctx.policy, ctx.now, result.remediate, ctx.groupTags);
    return {
      rule,
      verdict: VERDICT_BY_CHECK[check.id] ?? 'review',
      reason: result.reason,
      checkId: check.id,
      severity: result.severity,
      classification: result.classification,
      remediate: result.remediate && exemption?.status !== 'active',
      ...(exemption ? { exemption } : {}),
    };
  }
  if (compliant) return { rule, verdict: 'compliant', reason: compliant.reason, remediate: false };
  return { rule, verdict: 'not-applicable', reason: 'no watched port reachable over tcp', remediate: false };
}
