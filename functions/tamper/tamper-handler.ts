import { renderTamperAlert } from '../core/findings/render-tamper-alert.js';
import { judgeTamper } from '../core/policy/tamper/judge-tamper.js';
import type { GuardIdentity } from '../core/policy/tamper/tamper-event.js';
import type { PublishPort } from '../deps.js';
import type { Log } from '../log.js';
import type { MetricsPort } from '../metrics/metrics.js';
import { parseTamperEvent } from './parse-tamper-event.js';

export interface TamperResult {
  readonly status: 'alerted' | 'harmless' | 'ignored';
  readonly eventId?: string;
  readonly path?: string;
  readonly reason?: string;
}

export interface TamperDeps {
  readonly publisher: PublishPort;
  readonly metrics: MetricsPort;
}

/**
 * The tamper function: the self-protection rules deliver every call on what feeds or protects the
 * guard; this judges it and publishes one critical alert that says what was done, by whom, and what
 * the guard can no longer see. Harmless changes (selectors that still log management writes, another
 * KMS key) are logged, not alerted. A publish failure throws, so Lambda retries and the failure queue
 * keeps the event.
 */
export function makeTamperHandler(guard: GuardIdentity, deps: TamperDeps, log: Log) {
  return async (event: unknown): Promise<TamperResult> => {
    const parsed = parseTamperEvent(event);
    if (!parsed.ok) {
      log.warn('tamper function ignoring event', { reason: parsed.error });
      return { status: 'ignored', reason: parsed.error };
    }
    const tamper = parsed.value;
    const verdict = judgeTamper(tamper, guard);
    if (verdict.status === 'not-ours') {
      log.info('call does not touch the guard', { eventId: tamper.eventId, reason: verdict.reason });
      return { status: 'ignored', eventId: tamper.eventId, reason: verdict.reason };
    }
    if (verdict.status === 'harmless') {
      log.info('change judged harmless to the guard', {
        eventId: tamper.eventId,
        path: verdict.path,
        reason: verdict.reason,
      });
      return { status: 'harmless', eventId: tamper.eventId, path: verdict.path, reason: verdict.reason };
    }
    await deps.publisher.publish(renderTamperAlert(tamper, verdict));
    deps.metrics.addWith('TamperAlerts', 'Count', 1, { path: verdict.path });
    log.error('tampering with the guard: critical alert published', {
      eventId: tamper.eventId,
      eventName: tamper.eventName,
      path: verdict.path,
      target: verdict.target,
      actor: tamper.actor.name,
    });
    return { status: 'alerted', eventId: tamper.eventId, path: verdict.path };
  };
}
