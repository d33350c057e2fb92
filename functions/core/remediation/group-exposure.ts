import { type CurrentRule, isCurrentRule, type Rule } from '../model/rule.js';
import {
  contentKeyOf,
  type EvaluationContext,
  evaluateGroups,
  isGroupVerdict,
  type RuleEvaluation,
} from '../policy/evaluate.js';

/**
 * An event's exposure summed with what its groups already held. The event's own rules are summed
 * first, at no call: if they reach the world bound, so does the group. A public SSH source the event
 * leaves in place may still complete a world-sized union with rules the group held before (one
 * public /9 beside the other half), so only then is the group read, once, and summed whole.
 */

/** The groups where the event's rules leave a public SSH source in place (review, not exempted). */
export function groupsToSum(evaluations: readonly RuleEvaluation[]): string[] {
  const groups = evaluations.flatMap((e) =>
    e.verdict === 'review' &&
    e.classification.sourceClass === 'public' &&
    !e.remediate &&
    e.exemption?.status !== 'active' &&
    isCurrentRule(e.rule)
      ? [e.rule.groupId]
      : [],
  );
  return [...new Set(groups)];
}

/**
 * The event's evaluations with each group read (`groupRules`) summed whole. Judged on what EC2 holds
 * now: an event rule the group still holds (same permission) stands in for that rule, counted once,
 * and takes the whole group's verdict; one the group no longer holds (edited or revoked before
 * delivery) keeps its verdict on what the event said, and its revoke names that content, so EC2
 * removes nothing that changed. Of the rules the group held before, only those a group check now
 * wants removed are added; the others are not reported again.
 */
export function sumWithGroups(
  own: readonly RuleEvaluation[],
  groupRules: ReadonlyMap<string, readonly CurrentRule[]>,
  ctx: EvaluationContext,
): RuleEvaluation[] {
  const summed = groupsToSum(own).filter((groupId) => groupRules.has(groupId));
  if (summed.length === 0) return [...own];
  const whole = new Map<Rule, RuleEvaluation>();
  const others: RuleEvaluation[] = [];
  for (const groupId of summed) {
    const held = groupRules.get(groupId) ?? [];
    const heldContent = new Set(held.map(contentKeyOf));
    const added = new Set(
      own.flatMap((e) =>
        e.rule.groupId === groupId && heldContent.has(contentKeyOf(e.rule)) ? [e.rule] : [],
      ),
    );
    // The event's rules first: the evaluator counts one rule per content, the first it meets.
    const group = [...added, ...held];
    for (const evaluation of evaluateGroups(group, ctx, undefined, { added })) {
      if (added.has(evaluation.rule)) whole.set(evaluation.rule, evaluation);
      else if (isGroupVerdict(evaluation) && !heldByEvent(evaluation.rule, added)) others.push(evaluation);
    }
  }
  return [...own.map((e) => whole.get(e.rule) ?? e), ...others];
}

/** A rule of the group whose permission an event rule has: the event rule stands for it. */
function heldByEvent(rule: Rule, added: ReadonlySet<Rule>): boolean {
  const key = contentKeyOf(rule);
  return [...added].some((a) => contentKeyOf(a) === key);
}
