import type { RuleOutcome } from '../core/build-finding.js';
import type { PlannedStep } from '../core/plan.js';
import type { Ec2Port, RevokeResult } from '../deps.js';

/**
 * Carries out a plan: one RevokeSecurityGroupIngress per group, by rule id, exactly the planned
 * rules. Every expected outcome (revoked, already gone, failed with the AWS code) is a value.
 */
export async function executePlan(steps: readonly PlannedStep[], ec2: Ec2Port): Promise<RuleOutcome[]> {
  const byGroup = new Map<string, string[]>();
  for (const step of steps) {
    const { groupId, ruleId } = step.evaluation.rule;
    if (step.action.kind !== 'revoke' || !groupId || !ruleId) continue;
    byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), ruleId]);
  }
  const results = new Map<string, RevokeResult>();
  await Promise.all(
    [...byGroup].map(async ([groupId, ruleIds]) => {
      for (const [ruleId, result] of await ec2.revokeIngress(groupId, ruleIds)) results.set(ruleId, result);
    }),
  );
  return steps.map((step) => toOutcome(step, results));
}

function toOutcome(step: PlannedStep, results: ReadonlyMap<string, RevokeResult>): RuleOutcome {
  const { evaluation, action } = step;
  if (action.kind === 'none') return { evaluation, action: action.outcome };
  const result = results.get(evaluation.rule.ruleId ?? '');
  if (!result) {
    return {
      evaluation,
      action: 'failed',
      error: { code: 'NoResult', message: 'revoke returned no result for this rule' },
    };
  }
  if (result.status === 'failed')
    return { evaluation, action: 'failed', error: { code: result.code, message: result.message } };
  return { evaluation, action: result.status };
}
