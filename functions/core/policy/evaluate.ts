import type { Rule } from '../model/rule.js';
import type {
  Check,
  CheckDescription,
  CheckResult,
  CheckVerdict,
  GroupCheck,
  RuleCheck,
  Severity,
} from './checks/check.js';
import { type Exposure, findExposure } from './checks/exposure.js';
import { CHECKS } from './checks/index.js';
import type { Classification, SourceContext } from './classify-source.js';
import { type ExemptionMatch, findExemption, type GroupTags } from './exemptions.js';

export type Verdict = CheckVerdict | 'compliant' | 'not-applicable';

/** A rule a check flagged: the check itself travels with it, so its finding needs no lookup. */
export interface FlaggedEvaluation {
  readonly rule: Rule;
  readonly verdict: CheckVerdict;
  readonly reason: string;
  readonly check: CheckDescription;
  readonly severity: Severity;
  readonly classification: Classification;
  /** The policy asks for removal and no active exemption stops it. */
  readonly remediate: boolean;
  readonly exemption?: ExemptionMatch;
  /** Check-specific facts for the finding (a group check's address counts). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A rule no check flagged: nothing to plan, nothing to report. */
export interface UnflaggedEvaluation {
  readonly rule: Rule;
  readonly verdict: 'compliant' | 'not-applicable';
  readonly reason: string;
  readonly remediate: false;
  readonly check?: undefined;
  readonly severity?: undefined;
  readonly classification?: undefined;
  readonly exemption?: undefined;
  readonly details?: undefined;
}

export type RuleEvaluation = FlaggedEvaluation | UnflaggedEvaluation;

export function isFlagged(evaluation: RuleEvaluation): evaluation is FlaggedEvaluation {
  return evaluation.verdict === 'world-open' || evaluation.verdict === 'review';
}

export interface EvaluationContext extends SourceContext {
  readonly now: Date;
  /** Group tags, present only when the policy honours the exempt tag and they had to be read. */
  readonly groupTags?: GroupTags;
}

/**
 * Runs every rule check on every rule. Pure: same rules, policy, clock and checks give the same
 * result. `checks` defaults to the registered list; a caller may pass another (a test's own check).
 */
export function evaluateRules(
  rules: readonly Rule[],
  ctx: EvaluationContext,
  checks: readonly Check[] = CHECKS,
): RuleEvaluation[] {
  const ruleChecks = checks.filter(isRuleCheck);
  return rules.map((rule) => assessRule(rule, ctx, ruleChecks).evaluation);
}

/**
 * Rule checks, then group checks, for rules that are every rule of their groups (a sweep, a
 * prefix-list change, EMR): only then can a group's exposure be summed.
 */
export function evaluateGroups(
  rules: readonly Rule[],
  ctx: EvaluationContext,
  checks: readonly Check[] = CHECKS,
): RuleEvaluation[] {
  const ruleChecks = checks.filter(isRuleCheck);
  const groupChecks = checks.filter((c): c is GroupCheck => c.scope === 'group');
  const members = rules.map((rule) => assessRule(rule, ctx, ruleChecks));
  const evaluations = members.map((m) => m.evaluation);
  if (groupChecks.length === 0) return evaluations;
  const byGroup = new Map<string, { evaluation: RuleEvaluation; exposure: Exposure | undefined }[]>();
  for (const m of members) {
    if (!m.evaluation.rule.groupId) continue;
    const group = byGroup.get(m.evaluation.rule.groupId);
    if (group) group.push(m);
    else byGroup.set(m.evaluation.rule.groupId, [m]);
  }
  const replaced = new Map<RuleEvaluation, RuleEvaluation>();
  for (const group of byGroup.values()) {
    let current = group;
    for (const check of groupChecks) {
      const answered = check.evaluate(current, ctx);
      current = current.map((m, i) => ({ evaluation: answered[i] ?? m.evaluation, exposure: m.exposure }));
    }
    current.forEach((m, i) => {
      const before = group[i]?.evaluation;
      if (before && m.evaluation !== before) replaced.set(before, m.evaluation);
    });
  }
  return replaced.size === 0 ? evaluations : evaluations.map((e) => replaced.get(e) ?? e);
}

export function evaluateRule(
  rule: Rule,
  ctx: EvaluationContext,
  checks: readonly Check[] = CHECKS,
): RuleEvaluation {
  return assessRule(rule, ctx, checks.filter(isRuleCheck)).evaluation;
}

const isRuleCheck = (check: Check): check is RuleCheck => check.scope === 'rule';

/** One rule through the rule checks; its exposure is computed here once and kept for the group checks. */
function assessRule(rule: Rule, ctx: EvaluationContext, checks: readonly RuleCheck[]) {
  const exposure = findExposure(rule, ctx);
  return { evaluation: judgeRule(rule, exposure, ctx, checks), exposure };
}

function judgeRule(
  rule: Rule,
  exposure: Exposure | undefined,
  ctx: EvaluationContext,
  checks: readonly RuleCheck[],
): RuleEvaluation {
  let compliant: Extract<CheckResult, { status: 'compliant' }> | undefined;
  for (const check of checks) {
    const result = check.evaluate(rule, exposure, ctx);
    if (result.status === 'compliant') compliant ??= result;
    if (result.status !== 'non-compliant') continue;
    const exemption = findExemption(rule, ctx.policy, ctx.now, result.remediate, ctx.groupTags);
    return {
      rule,
      check,
      verdict: check.verdict,
      severity: check.severity,
      reason: result.reason,
      classification: result.classification,
      remediate: result.remediate && exemption?.status !== 'active',
      ...(exemption ? { exemption } : {}),
    };
  }
  if (compliant) return { rule, verdict: 'compliant', reason: compliant.reason, remediate: false };
  return { rule, verdict: 'not-applicable', reason: 'no watched port reachable over tcp', remediate: false };
}
