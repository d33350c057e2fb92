import type { GuardSummary } from '../pipeline/run-guard.js';

/** The one structured line each invocation logs: what was looked at and what was done, no event dump. */
export function summaryLogFields(summary: GuardSummary, started: number): Record<string, unknown> {
  return {
    eventId: summary.eventId,
    trigger: summary.trigger,
    region: summary.region,
    groups: summary.groups,
    rulesEvaluated: summary.rulesEvaluated,
    violations: summary.violations,
    verdicts: summary.verdicts,
    actions: summary.actions,
    published: summary.published,
    durationMs: Date.now() - started,
  };
}

/** What a handler returns for an event it evaluated. */
export function handledResult(summary: GuardSummary) {
  return {
    status: 'handled' as const,
    eventId: summary.eventId,
    rulesEvaluated: summary.rulesEvaluated,
    violations: summary.violations,
    verdicts: summary.verdicts,
    actions: summary.actions,
    findingIds: summary.findings.map((f) => f.findingId),
  };
}
