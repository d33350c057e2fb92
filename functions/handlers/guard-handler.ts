import type { Config } from '../config/config.js';
import { buildUnparsedFinding } from '../core/findings/build-event-finding.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { classifyEvent } from '../parse/envelope.js';
import { toCloudTrailTrigger } from '../parse/trigger.js';
import { publishFindings } from '../pipeline/publish-findings.js';
import { runGuard } from '../pipeline/run-guard.js';
import { adaptEc2Event } from '../triggers/security-group-event.js';
import { handledResult, summaryLogFields } from './summary.js';

export interface HandlerResult {
  readonly status: 'handled' | 'ignored' | 'skipped' | 'unparsed';
  readonly eventId?: string;
  readonly reason?: string;
  readonly rulesEvaluated?: number;
  readonly violations?: number;
  readonly verdicts?: Readonly<Record<string, number>>;
  readonly actions?: Readonly<Record<string, number>>;
  readonly findingIds?: readonly string[];
}

/** The event-driven guard: route, adapt, run the one pipeline, log one summary line. */
export function makeGuardHandler(config: Config, deps: Deps, log: Log) {
  return async (event: unknown): Promise<HandlerResult> => {
    const started = Date.now();
    const routed = classifyEvent(event);
    if (routed.kind === 'foreign') {
      log.warn('ignoring event this function does not handle', { eventId: routed.id, reason: routed.reason });
      return { status: 'ignored', reason: routed.reason, ...(routed.id ? { eventId: routed.id } : {}) };
    }
    if (routed.kind === 'cloudtrail-error') {
      log.debug('skipping failed call: nothing changed', {
        eventId: routed.envelope.id,
        errorCode: routed.errorCode,
      });
      return {
        status: 'skipped',
        eventId: routed.envelope.id,
        reason: `call failed with ${routed.errorCode}`,
      };
    }
    if (routed.kind !== 'cloudtrail') {
      log.warn('event kind not handled by this function', { eventId: routed.envelope.id, kind: routed.kind });
      return {
        status: 'ignored',
        eventId: routed.envelope.id,
        reason: `${routed.kind} is handled elsewhere`,
      };
    }
    const trigger = toCloudTrailTrigger(routed.envelope, routed.record);
    const work = await adaptEc2Event(routed.eventName, routed.record, deps.ec2For(trigger.region));
    if (!work.ok) {
      const finding = buildUnparsedFinding(trigger, work.error, config.mode, deps.now());
      log.error('event not understood; published unparsed-event finding', {
        eventId: trigger.eventId,
        reason: work.error,
      });
      await publishFindings([finding], deps.publisher);
      return {
        status: 'unparsed',
        eventId: trigger.eventId,
        reason: work.error,
        findingIds: [finding.findingId],
      };
    }
    if (work.value.kind === 'nothing') {
      log.info('handled event: nothing to evaluate', { eventId: trigger.eventId, reason: work.value.reason });
      return { status: 'handled', eventId: trigger.eventId, reason: work.value.reason, rulesEvaluated: 0 };
    }
    const { selection, prefixListChanges } = work.value;
    const summary = await runGuard(
      { trigger, selection, ...(prefixListChanges ? { prefixListChanges } : {}) },
      config,
      deps,
    );
    log.info('handled event', summaryLogFields(summary, started));
    return handledResult(summary);
  };
}
