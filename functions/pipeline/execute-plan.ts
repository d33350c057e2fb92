import type { RuleOutcome } from '../core/remediation/outcome.js';
import { uniquePermissions } from '../core/remediation/permission.js';
import type { PlannedStep } from '../core/remediation/plan.js';
import type { Ec2Port } from '../deps.js';
import { type GroupCalls, outcomeOf } from './step-outcome.js';

/**
 * Carries out a plan, group by group. Per group, in this order:
 * 1. one AuthorizeSecurityGroupIngress with every narrowing's kept permissions, so what people use
 *    keeps working without a gap;
 * 2. one RevokeSecurityGroupIngress by rule id, exactly the planned rules, whether or not step 1
 *    worked (exposure is never left in place because narrowing failed);
 * 3. one AuthorizeSecurityGroupIngress with the EIC replacements of the rules that were revoked.
 * Every expected outcome (narrowed, replaced, revoked, already gone, failed with the code) is a value.
 */
export async function executePlan(steps: readonly PlannedStep[], ec2: Ec2Port): Promise<RuleOutcome[]> {
  const byGroup = new Map<string, PlannedStep[]>();
  for (const step of steps) {
    const { groupId, ruleId } = step.evaluation.rule;
    if (step.action.kind === 'none' || !groupId || !ruleId) continue;
    byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), step]);
  }
  const outcomes = new Map<PlannedStep, RuleOutcome>();
  await Promise.all(
    [...byGroup].map(async ([groupId, groupSteps]) => {
      const calls = await executeGroup(groupId, groupSteps, ec2);
      for (const step of groupSteps) outcomes.set(step, outcomeOf(step, calls));
    }),
  );
  return steps.map((step) => outcomes.get(step) ?? unexecuted(step));
}

async function executeGroup(
  groupId: string,
  steps: readonly PlannedStep[],
  ec2: Ec2Port,
): Promise<GroupCalls> {
  const keep = uniquePermissions(steps.flatMap((s) => (s.action.kind === 'narrow' ? s.action.keep : [])));
  const narrowed = keep.length > 0 ? await ec2.authorizeIngress(groupId, keep) : undefined;
  const revoked = await ec2.revokeIngress(
    groupId,
    steps.map((s) => s.evaluation.rule.ruleId as string),
  );
  // Only a rule that was really removed by this call gets a replacement: one already gone was
  // removed by someone else, and one that could not be removed stays the critical problem.
  const add = uniquePermissions(
    steps.flatMap((s) =>
      s.action.kind === 'replace' && revoked.get(s.evaluation.rule.ruleId ?? '')?.status === 'revoked'
        ? s.action.add
        : [],
    ),
  );
  const replaced = add.length > 0 ? await ec2.authorizeIngress(groupId, add) : undefined;
  return { groupId, revoked, ...(narrowed ? { narrowed } : {}), ...(replaced ? { replaced } : {}) };
}

function unexecuted(step: PlannedStep): RuleOutcome {
  const { evaluation, action } = step;
  if (action.kind === 'none') return { evaluation, action: action.outcome };
  return {
    evaluation,
    action: 'failed',
    error: { code: 'NoRuleId', message: 'the rule has no group or rule id, so it could not be revoked' },
  };
}
