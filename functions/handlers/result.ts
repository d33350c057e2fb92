import type { Config } from '../config/config.js';
import { buildUnparsedFinding } from '../core/findings/build-event-finding.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { publishFindings } from '../pipeline/publish-findings.js';
import type { GuardSummary } from '../pipeline/run-guard.js';
import type { Unrouted } from '../triggers/route-event.js';

/** What every function returns: one shape, the fields that apply to what it did. */
export interface HandlerResult {
  readonly status: 'handled' | 'ignored' | 'skipped' | 'unparsed';
  readonly eventId?: string;
  readonly reason?: string;
  readonly rulesEvaluated?: number;
  readonly violations?: number;
  readonly verdicts?: Readonly<Record<string, number>>;
  readonly actions?: Readonly<Record<string, number>>;
  readonly findingIds?: readonly string[];
  /** The EMR guard: the cluster, how its groups were found (or why none were evaluated), and the groups. */
  readonly clusterId?: string;
  readonly cluster?: 'request' | 'describe' | 'gone' | 'pending';
  readonly groups?: readonly string[];
  /** The sweep: regions swept, those that failed, and messages published. */
  readonly regions?: number;
  readonly regionsFailed?: readonly string[];
  readonly published?: number;
}

/**
 * The answer every function gives alike to an event it does no work for: not its event, a failed
 * call (nothing changed), or an event it cannot read, which is published as an unparsed finding so
 * nothing is lost silently.
 */
export async function answerUnrouted(
  route: Unrouted,
  config: Pick<Config, 'mode'>,
  deps: Pick<Deps, 'publisher' | 'now'>,
  log: Log,
): Promise<HandlerResult> {
  switch (route.kind) {
    case 'ignored':
      log.warn('ignoring event this function does not handle', {
        eventId: route.eventId,
        reason: route.reason,
      });
      return {
        status: 'ignored',
        reason: route.reason,
        ...(route.eventId ? { eventId: route.eventId } : {}),
      };
    case 'skipped':
      log.debug('skipping failed call: nothing changed', { eventId: route.eventId, reason: route.reason });
      return { status: 'skipped', eventId: route.eventId, reason: route.reason };
    case 'unparsed': {
      const finding = buildUnparsedFinding(route.trigger, route.reason, config.mode, deps.now());
      log.error('event not understood; published unparsed-event finding', {
        eventId: route.trigger.eventId,
        reason: route.reason,
      });
      await publishFindings([finding], deps.publisher);
      return {
        status: 'unparsed',
        eventId: route.trigger.eventId,
        reason: route.reason,
        findingIds: [finding.findingId],
      };
    }
  }
}

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
export function handledResult(summary: GuardSummary): HandlerResult {
  return {
    status: 'handled',
    eventId: summary.eventId,
    rulesEvaluated: summary.rulesEvaluated,
    violations: summary.violations,
    verdicts: summary.verdicts,
    actions: summary.actions,
    findingIds: summary.findings.map((f) => f.findingId),
  };
}
