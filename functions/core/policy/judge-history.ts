import type { Check, HistoryCheck } from './checks/check.js';
import { CHECKS } from './checks/index.js';
import { type FlaggedEvaluation, isFlagged, type RuleEvaluation } from './evaluate.js';
import type { OpeningHistory } from './opening-history.js';

const historyChecksOf = (checks: readonly Check[]) =>
  checks.filter((c): c is HistoryCheck => c.scope === 'history');

/** The flagged rules whose opening a history check wants recorded (none for a compliant event). */
export function openingsToRecord(
  evaluations: readonly RuleEvaluation[],
  checks: readonly Check[] = CHECKS,
): FlaggedEvaluation[] {
  const historyChecks = historyChecksOf(checks);
  return evaluations.filter(
    (e): e is FlaggedEvaluation =>
      isFlagged(e) && e.rule.groupId !== undefined && historyChecks.some((c) => c.records(e)),
  );
}

/** Every history check on one flagged rule, given its recorded history (none: unchanged). */
export function judgeHistory(
  evaluation: FlaggedEvaluation,
  history: OpeningHistory | undefined,
  checks: readonly Check[] = CHECKS,
): FlaggedEvaluation {
  if (!history) return evaluation;
  let current = evaluation;
  for (const check of historyChecksOf(checks)) {
    if (check.records(current)) current = check.evaluate(current, history);
  }
  return current;
}
