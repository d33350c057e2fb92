import type { RuleEvaluation } from './evaluate.js';
import type { RemediationMode } from './policy-config.js';

/** What evaluation asks for, as data. A separate step carries it out; `report` mode never does. */
export type PlannedAction =
  | { readonly kind: 'revoke' }
  | { readonly kind: 'none'; readonly outcome: 'would-revoke' | 'exempted' | 'review' | 'already-gone' };

export interface PlannedStep {
  readonly evaluation: RuleEvaluation;
  readonly action: PlannedAction;
}

/** Only non-compliant rules get a step: compliant and not-applicable rules need nothing, not even a finding. */
export function planRemediation(
  evaluations: readonly RuleEvaluation[],
  mode: RemediationMode,
): PlannedStep[] {
  return evaluations
    .filter((e) => e.verdict === 'world-open' || e.verdict === 'review')
    .map((evaluation) => ({ evaluation, action: planAction(evaluation, mode) }));
}

function planAction(evaluation: RuleEvaluation, mode: RemediationMode): PlannedAction {
  if (!evaluation.remediate) {
    return { kind: 'none', outcome: evaluation.exemption?.status === 'active' ? 'exempted' : 'review' };
  }
  // A rule that no longer exists (a request matched to nothing in the group) has nothing left to revoke.
  if (!evaluation.rule.ruleId) return { kind: 'none', outcome: 'already-gone' };
  if (mode === 'report') return { kind: 'none', outcome: 'would-revoke' };
  return { kind: 'revoke' };
}

export function isRevocation(step: PlannedStep): boolean {
  return step.action.kind === 'revoke';
}
