import { type CurrentRule, isCurrentRule } from '../core/model/rule.js';
import type { RuleOutcome } from '../core/remediation/outcome.js';
import { uniquePermissions } from '../core/remediation/permission.js';
import type { PlannedStep } from '../core/remediation/plan.js';
import type { RuleWriter } from '../deps.js';
import { type GroupCalls, outcomeOf, outcomeWithoutActing } from './step-outcome.js';

/** A step that changes the group, with the current rule it acts on. */
interface ActingStep {
  readonly step: PlannedStep;
  readonly rule: CurrentRule;
}

/**
 * Carries out a plan, group by group. Per group, in this order:
 * 1. one RevokeSecurityGroupIngress naming each planned rule by the permission that was judged, so
 *    EC2 removes it only if it is unchanged;
 * 2. one AuthorizeSecurityGroupIngress with the kept permissions of the narrowings whose wide rule
 *    EC2 says it removed, and one with the EIC replacements of the rules it removed.
 * Nothing is ever added for a rule EC2 did not remove: a late, replayed or forged event whose rule
 * was already fixed, deleted or never there must not make the guard open the other ports of a world
 * range. The price is a moment (one API call) in which the narrowed source's other ports are closed.
 * Every expected outcome (narrowed, replaced, revoked, already gone, failed with the code) is a value.
 */
export async function executePlan(steps: readonly PlannedStep[], ec2: RuleWriter): Promise<RuleOutcome[]> {
  const byGroup = new Map<string, ActingStep[]>();
  for (const step of steps) {
    const { rule } = step.evaluation;
    // The plan gives actions only to current rules; a missing one has nothing to act on.
    if (step.action.kind === 'none' || !isCurrentRule(rule)) continue;
    byGroup.set(rule.groupId, [...(byGroup.get(rule.groupId) ?? []), { step, rule }]);
  }
  const outcomes = new Map<PlannedStep, RuleOutcome>();
  await Promise.all(
    [...byGroup].map(async ([groupId, groupSteps]) => {
      for (const batch of withDistinctRuleIds(groupSteps)) {
        const calls = await executeGroup(groupId, batch, ec2);
        for (const { step, rule } of batch) outcomes.set(step, outcomeOf(step, rule, calls));
      }
    }),
  );
  return steps.map((step) => outcomes.get(step) ?? outcomeWithoutActing(step));
}

/**
 * A group's steps in batches whose rule ids are distinct. EC2 answers a revoke per rule id, so two
 * steps with one id (an event's stale content of a rule beside the content the group holds now, after
 * the console's Edit kept the id) must not share a call: one's answer would be read as the other's,
 * and a stale rule would be called revoked, or narrowed with its other ports re-opened to the world.
 * Almost every group is one batch.
 */
function withDistinctRuleIds(steps: readonly ActingStep[]): ActingStep[][] {
  const batches: ActingStep[][] = [];
  for (const step of steps) {
    const free = batches.find((b) => b.every((s) => s.rule.ruleId !== step.rule.ruleId));
    if (free) free.push(step);
    else batches.push([step]);
  }
  return batches;
}

async function executeGroup(
  groupId: string,
  steps: readonly ActingStep[],
  ec2: RuleWriter,
): Promise<GroupCalls> {
  const revoked = await ec2.revokeIngress(
    groupId,
    steps.map((s) => s.rule),
  );
  // Only a rule that this call really removed gets what replaces it: one already gone was removed
  // or changed by someone else (or never existed), and one that could not be removed stays the
  // critical problem.
  const removed = steps.filter(({ rule }) => revoked.get(rule.ruleId)?.status === 'revoked');
  const keep = uniquePermissions(
    removed.flatMap(({ step }) => (step.action.kind === 'narrow' ? step.action.keep : [])),
  );
  const add = uniquePermissions(
    removed.flatMap(({ step }) => (step.action.kind === 'replace' ? step.action.add : [])),
  );
  const narrowed = keep.length > 0 ? await ec2.authorizeIngress(groupId, keep) : undefined;
  const replaced = add.length > 0 ? await ec2.authorizeIngress(groupId, add) : undefined;
  return { groupId, revoked, ...(narrowed ? { narrowed } : {}), ...(replaced ? { replaced } : {}) };
}
