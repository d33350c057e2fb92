import { errorCode } from '../adapters/aws-error.js';
import type { Trigger } from '../core/model/trigger.js';
import { judgeHistory, openingsToRecord } from '../core/policy/judge-history.js';
import { type OpeningHistory, openingKeyOf } from '../core/policy/opening-history.js';
import type { RuleOutcome } from '../core/remediation/outcome.js';
import type { OpeningLogPort } from '../deps.js';

/**
 * Counts this event's world-open openings (one conditional write per group and source, only when
 * the event opened one: a compliant event makes no call) and escalates the rules re-opened within
 * the window. A count that cannot be written leaves the finding as it was, with a note: the rule
 * is already handled, and its finding matters more than the count.
 */
export async function escalateRepeats(
  outcomes: readonly RuleOutcome[],
  trigger: Trigger,
  windowHours: number,
  openings: OpeningLogPort | undefined,
  openedByEvent: (outcome: RuleOutcome) => boolean,
): Promise<readonly RuleOutcome[]> {
  // Only a recorded API call opens a rule, and only the rules it carried: a sweep or a scan, and the
  // groups an event makes the guard read whole, hold rules that were already open.
  if (!openings || trigger.kind !== 'cloudtrail') return outcomes;
  const recorded = openingsToRecord(outcomes.filter(openedByEvent).map((o) => o.evaluation));
  if (recorded.length === 0) return outcomes;
  const keys = [...new Set(recorded.map((e) => openingKeyOf(trigger.account, trigger.region, e.rule)))];
  const histories = new Map<string, OpeningHistory | { readonly failed: string }>(
    await Promise.all(
      keys.map(async (key) => {
        try {
          const opening = { key, eventId: trigger.eventId, at: trigger.eventTime, windowHours };
          return [key, await openings.recordOpening(opening)] as const;
        } catch (error) {
          return [
            key,
            { failed: errorCode(error instanceof Error && error.cause ? error.cause : error) },
          ] as const;
        }
      }),
    ),
  );
  return outcomes.map((outcome) => {
    if (!openedByEvent(outcome)) return outcome;
    const history = histories.get(openingKeyOf(trigger.account, trigger.region, outcome.evaluation.rule));
    if (!history) return outcome;
    if ('failed' in history) {
      const note = `the repeat count could not be recorded (${history.failed})`;
      return { ...outcome, note: outcome.note ? `${outcome.note}; ${note}` : note };
    }
    return { ...outcome, evaluation: judgeHistory(outcome.evaluation, history) };
  });
}
