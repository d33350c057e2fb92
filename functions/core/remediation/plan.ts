import { isCurrentRule } from '../model/rule.js';
import type { PrefixListInfo } from '../policy/classify-source.js';
import { type FlaggedEvaluation, isFlagged, type RuleEvaluation } from '../policy/evaluate.js';
import type { RemediationMode } from '../policy/policy-config.js';
import { narrowRule } from './narrow.js';
import type { Permission } from './permission.js';
import { type EicPrefixLists, eicReplacement } from './replace.js';

/**
 * What evaluation asks for, as data, the same in every mode. A separate step carries it out; `report`
 * mode skips that step (pipeline/act.ts), so its findings say what would have been done.
 */
export type PlannedAction =
  /** `note` says why a narrow or replace mode plans a plain revoke. */
  | { readonly kind: 'revoke'; readonly note?: string }
  /** Revoke the rule, then authorize `keep` for the same source once EC2 says the rule was removed. */
  | { readonly kind: 'narrow'; readonly keep: readonly Permission[]; readonly dropped?: string }
  /** Revoke the rule, then authorize `add` (tcp/22 from the region's EC2 Instance Connect list). */
  | { readonly kind: 'replace'; readonly add: readonly Permission[] }
  | { readonly kind: 'none'; readonly outcome: 'exempted' | 'review' | 'already-gone' };

export interface PlannedStep {
  readonly evaluation: FlaggedEvaluation;
  readonly action: PlannedAction;
}

/** What planning needs besides the evaluations: all of it read before, so planning stays pure. */
export interface PlanContext {
  readonly watchedPorts: readonly number[];
  /** Expanded prefix lists (narrowing an all-traffic rule needs a list's address family). */
  readonly prefixLists?: ReadonlyMap<string, PrefixListInfo>;
  /** Looked up only in replace-with-eic mode. */
  readonly eic?: EicPrefixLists;
}

/** Only non-compliant rules get a step: compliant and not-applicable rules need nothing, not even a finding. */
export function planRemediation(
  evaluations: readonly RuleEvaluation[],
  mode: RemediationMode,
  ctx: PlanContext,
): PlannedStep[] {
  return evaluations
    .filter(isFlagged)
    .map((evaluation) => ({ evaluation, action: planAction(evaluation, mode, ctx) }));
}

function planAction(evaluation: FlaggedEvaluation, mode: RemediationMode, ctx: PlanContext): PlannedAction {
  if (!evaluation.remediate) {
    return { kind: 'none', outcome: evaluation.exemption?.status === 'active' ? 'exempted' : 'review' };
  }
  // A rule that no longer exists (a request matched to nothing in the group) has nothing left to revoke.
  if (!isCurrentRule(evaluation.rule)) return { kind: 'none', outcome: 'already-gone' };
  switch (mode) {
    // Report plans what revoke mode would do; the act step is what it skips.
    case 'report':
    case 'revoke':
      return { kind: 'revoke' };
    case 'narrow':
      return planNarrow(evaluation, ctx);
    case 'replace-with-eic': {
      const replacement = eicReplacement(evaluation.rule, ctx.eic);
      if (!replacement.ok) return { kind: 'revoke', note: `not replaced: ${replacement.reason}` };
      return { kind: 'replace', add: [replacement.add] };
    }
  }
}

function planNarrow(evaluation: FlaggedEvaluation, ctx: PlanContext): PlannedAction {
  const remainder = narrowRule(evaluation.rule, ctx.watchedPorts, ctx.prefixLists ?? new Map());
  if (!remainder.ok) return { kind: 'revoke', note: `not narrowed: ${remainder.reason}` };
  if (remainder.keep.length === 0) {
    return { kind: 'revoke', note: 'the rule opened only watched ports, so there was nothing to keep' };
  }
  return {
    kind: 'narrow',
    keep: remainder.keep,
    ...(remainder.dropped ? { dropped: remainder.dropped } : {}),
  };
}

/** Every action that changes the group: each revokes its rule, whatever else it does. */
export function isRevocation(step: PlannedStep): boolean {
  return step.action.kind !== 'none';
}
