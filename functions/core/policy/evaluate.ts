import { type Rule, ruleContentKey } from '../model/rule.js';
import type {
  Check,
  CheckDescription,
  CheckResult,
  CheckVerdict,
  GroupCheck,
  GroupMember,
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

/** The rules of a group the call being handled added: among equals, group checks remove these first. */
export interface GroupOptions {
  readonly added?: ReadonlySet<Rule>;
}

/**
 * Rule checks, then group checks per group. Sound over every rule of a group (a sweep, a
 * prefix-list change, EMR, a group read for an event) and over an event's own rules: part of a
 * group that reaches the world bound means the whole group does. A rule whose content another rule
 * of its group already has is counted once and shares that rule's verdict.
 */
export function evaluateGroups(
  rules: readonly Rule[],
  ctx: EvaluationContext,
  checks: readonly Check[] = CHECKS,
  options: GroupOptions = {},
): RuleEvaluation[] {
  const ruleChecks = checks.filter(isRuleCheck);
  const groupChecks = checks.filter(isGroupCheck);
  const assessed = rules.map((rule) => assessRule(rule, ctx, ruleChecks));
  const evaluations = assessed.map((m) => m.evaluation);
  if (groupChecks.length === 0) return evaluations;
  const byGroup = new Map<string, Map<string, GroupMember>>();
  for (const { evaluation, exposure } of assessed) {
    const { rule } = evaluation;
    if (!rule.groupId) continue;
    const members = byGroup.get(rule.groupId) ?? new Map<string, GroupMember>();
    byGroup.set(rule.groupId, members);
    const origin = options.added?.has(rule) ? 'event' : 'group';
    if (!members.has(contentKeyOf(rule))) members.set(contentKeyOf(rule), { evaluation, exposure, origin });
  }
  // Keyed by content, which names the group: a rule shares the verdict of the member it duplicates.
  const replaced = new Map<string, RuleEvaluation>();
  for (const members of byGroup.values()) {
    const group = [...members.values()];
    let current = group;
    for (const check of groupChecks) {
      const answered = check.evaluate(current, ctx);
      current = current.map((m, i) => ({ ...m, evaluation: answered[i] ?? m.evaluation }));
    }
    current.forEach((m, i) => {
      const before = group[i]?.evaluation;
      if (before && m.evaluation !== before)
        replaced.set(contentKeyOf(before.rule), exemptAfterUpgrade(before, m.evaluation, ctx));
    });
  }
  if (replaced.size === 0) return evaluations;
  return evaluations.map((e) => {
    const after = e.rule.groupId ? replaced.get(contentKeyOf(e.rule)) : undefined;
    return after ? { ...after, rule: e.rule } : e;
  });
}

/** Whether a group check, not a rule check, gave this verdict (what a group read adds to an event). */
export function isGroupVerdict(evaluation: RuleEvaluation, checks: readonly Check[] = CHECKS): boolean {
  return checks.some((c) => c.scope === 'group' && c.id === evaluation.check?.id);
}

/**
 * A rule a group check now wants removed that its rule checks left in place: an exemption that
 * applies only to rules the guard would remediate (the group's exempt tag, when honoured) is looked
 * up again, so the tag covers what the group checks revoke as it covers the rest.
 */
function exemptAfterUpgrade(before: RuleEvaluation, after: RuleEvaluation, ctx: EvaluationContext) {
  if (!isFlagged(after) || !after.remediate || before.remediate) return after;
  const exemption = findExemption(after.rule, ctx.policy, ctx.now, true, ctx.groupTags);
  return exemption?.status === 'active' ? { ...after, remediate: false, exemption } : after;
}

/** What a rule admits in its group, description aside: two rules with the same key are one permission. */
export const contentKeyOf = (rule: Rule): string => `${rule.direction}|${ruleContentKey(rule)}`;

export function evaluateRule(
  rule: Rule,
  ctx: EvaluationContext,
  checks: readonly Check[] = CHECKS,
): RuleEvaluation {
  return assessRule(rule, ctx, checks.filter(isRuleCheck)).evaluation;
}

const isRuleCheck = (check: Check): check is RuleCheck => check.scope === 'rule';
const isGroupCheck = (check: Check): check is GroupCheck => check.scope === 'group';

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
