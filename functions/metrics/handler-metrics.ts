import { cloudTrailCallOf, readEnvelope } from '../parse/envelope.js';
import { type MetricsPort, toDimensionValue } from './metrics.js';

/** The fields of a handler result that metrics read (the guard, EMR guard and sweep results have them). */
export interface MeasuredResult {
  readonly status: string;
  readonly rulesEvaluated?: number;
  readonly verdicts?: Readonly<Record<string, number>>;
  readonly actions?: Readonly<Record<string, number>>;
}

/** Verdicts that are not violations: nothing to count. */
const NOT_VIOLATIONS = new Set(['compliant', 'not-applicable']);

/** The trigger an event names: the CloudTrail call, or the event's detail-type (schedules, EMR states). */
export function triggerOf(event: unknown): string {
  // Read as the router reads it, so a relay's wrapped event is named by its call, not the relay's type.
  const read = readEnvelope(event);
  if (!read.ok) return toDimensionValue(undefined);
  return toDimensionValue(cloudTrailCallOf(read.detail)?.eventName ?? read.envelope.detailType);
}

/** What one handled event adds to the dashboards. Counts only: no rule, group or request content. */
export function recordResult(metrics: MetricsPort, trigger: string, result: MeasuredResult): void {
  metrics.addWith('EventsHandled', 'Count', 1, { trigger, status: toDimensionValue(result.status) });
  metrics.add('RulesJudged', 'Count', result.rulesEvaluated ?? 0);
  for (const [verdict, count] of Object.entries(result.verdicts ?? {}))
    if (!NOT_VIOLATIONS.has(verdict) && count > 0)
      metrics.addWith('Violations', 'Count', count, { verdict: toDimensionValue(verdict) });
  for (const [action, count] of Object.entries(result.actions ?? {}))
    if (count > 0) metrics.addWith('Actions', 'Count', count, { action: toDimensionValue(action) });
  metrics.add('FailedActions', 'Count', result.actions?.failed ?? 0);
}

/**
 * Wraps a handler so that every invocation emits its metrics, whatever the handler does: the
 * result's counts, its duration, and an error count when it throws (the error is rethrown, so Lambda
 * still retries). The handler itself stays unaware of metrics. The Lambda context is handed on
 * untouched: the handlers read their own account from it.
 */
export function withMetrics<R extends MeasuredResult, C = unknown>(
  handler: (event: unknown, context?: C) => Promise<R>,
  metrics: MetricsPort,
  clock: () => number = () => performance.now(),
): (event: unknown, context?: C) => Promise<R> {
  return async (event, context) => {
    const started = clock();
    const trigger = triggerOf(event);
    try {
      const result = await handler(event, context);
      recordResult(metrics, trigger, result);
      return result;
    } catch (error) {
      metrics.addWith('HandlerErrors', 'Count', 1, { trigger });
      throw error;
    } finally {
      metrics.add('HandlerDuration', 'Milliseconds', Math.round(clock() - started));
      metrics.flush();
    }
  };
}
