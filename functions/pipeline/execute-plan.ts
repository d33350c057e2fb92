import { isCurrentRule } from '../core/model/rule.js';
import type { RuleOutcome } from '../core/remediation/outcome.js';
import { uniquePermissions } from '../core/remediation/permission.js';
import type { PlannedStep } from '../core/remediation/plan.js';
import type { RuleWriter } from '../deps.js';
import { type GroupCalls, outcomeOf, outcomeWithoutActing } from './step-outcome.js';

/** A step that changes the group, with the current rule it acts on. */
interface ActingStep {
  readonly step: PlannedStep;
  readonly ruleId: string;
}

/**
 * Carries out a plan, group by group. Per group, in this order:
 * 1. one AuthorizeSecurityGroupIngress with every narrowing's kept permissions, so what people use
 *    keeps working without a gap;
 * 2. one RevokeSecurityGroupIngress by rule id, exactly the planned rules, whether or not step 1
 *    worked (exposure is never left in place because narrowing failed);
 * 3. one AuthorizeSecurityGroupIngress with the EIC replacements of the rules that were revoked.
 * Every expected outcome (narrowed, replaced, revoked, already gone, failed with the code) is a value.
 */
export async function executePlan(steps: readonly PlannedStep[], ec2: RuleWriter): Promise<RuleOutcome[]> {
  const byGroup = new Map<string, ActingStep[]>();
  for (const step of steps) {
    const { rule } = step.evaluation;
    // The plan gives actions only to current rules; a missing one has nothing to act on.
    if (step.action.kind === 'none' || !isCurrentRule(rule)) continue;
    byGroup.set(rule.groupId, [...(byGroup.get(rule.groupId) ?? []), { step, ruleId: rule.ruleId }]);
  }
  const outcomes = new Map<PlannedStep, RuleOutcome>();
  await Promise.all(
    [...byGroup].map(async ([groupId, groupSteps]) => {
      const calls = await executeGroup(groupId, groupSteps, ec2);
      for (const { step, ruleId } of groupSteps) outcomes.set(step, outcomeOf(step, ruleId, calls));
    }),
  );
  return steps.map((step) => outcomes.get(step) ?? outcomeWithoutActing(step));
}

async function executeGroup(
  groupId: string,
  steps: readonly ActingStep[],
  ec2: RuleWriter,
): Promise<GroupCalls> {
  const actions = steps.map(({ step }) => step.action);
  const keep = uniquePermissions(actions.flatMap((a) => (a.kind === 'narrow' ? a.keep : [])));
  const narrowed = keep.length > 0 ? await ec2.authorizeIngress(groupId, keep) : undefined;
  const revoked = await ec2.revokeIngress(
    groupId,
    steps.map((s) => s.ruleId),
  );
  // Only a rule that was really removed by this call gets a replacement: one already gone was
  // removed by someone else, and one that could not be removed stays the critical problem.
  const add = uniquePermissions(
    steps.flatMap(({ step, ruleId }) =>
      step.action.kind === 'replace' && revoked.get(ruleId)?.status === 'revoked' ? step.action.add : [],
    ),
  );
  const replaced = add.length > 0 ? await ec2.authorizeIngress(groupId, add) : undefined;
  return { groupId, revoked, ...(narrowed ? { narrowed } : {}), ...(replaced ? { replaced } : {}) };
}
