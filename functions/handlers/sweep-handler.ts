import type { Config } from '../config/config.js';
import { type SweepSpread, sweepTurn } from '../core/schedule/sweep-slot.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { classifyEvent } from '../parse/envelope.js';
import { toEnvelopeTrigger } from '../parse/trigger.js';
import { runSweep } from '../pipeline/run-sweep.js';

export interface SweepHandlerResult {
  readonly status: 'handled' | 'ignored';
  readonly eventId?: string;
  readonly reason?: string;
  readonly regions?: number;
  readonly regionsFailed?: readonly string[];
  readonly rulesEvaluated?: number;
  readonly violations?: number;
  readonly actions?: Readonly<Record<string, number>>;
  readonly published?: number;
}

/**
 * The scheduled sweep: every enabled region, same pipeline as the events. The schedule's event id
 * is the sweep id, so a retried invocation gives the same finding ids.
 */
export function makeSweepHandler(config: Config, deps: Deps, log: Log, spread?: SweepSpread) {
  return async (event: unknown): Promise<SweepHandlerResult> => {
    const routed = classifyEvent(event);
    if (routed.kind !== 'schedule') {
      const reason =
        routed.kind === 'foreign' ? routed.reason : `${routed.kind} is handled by the guard function`;
      log.warn('ignoring event the sweep does not handle', { reason });
      return { status: 'ignored', reason };
    }
    // Spread over the organisation: this firing may be another account's slot (sweep-slot.ts).
    const turn = spread && sweepTurn(routed.envelope.account, new Date(routed.envelope.time), spread);
    if (turn?.turn === 'wait') {
      const reason = `not this account's sweep slot; next in ${turn.nextInMinutes} min`;
      log.debug('sweep skipped', { eventId: routed.envelope.id, reason });
      return { status: 'ignored', eventId: routed.envelope.id, reason };
    }
    const trigger = toEnvelopeTrigger(routed.envelope, 'schedule', 'Scheduled Event');
    const result = await runSweep(trigger, config, deps, { publish: true });
    const regionsFailed = result.regions.filter((r) => r.status === 'failed').map((r) => r.region);
    log.info('sweep done', { eventId: trigger.eventId, totals: result.totals, regions: result.regions });
    return {
      status: 'handled',
      eventId: trigger.eventId,
      regions: result.totals.regions,
      regionsFailed,
      rulesEvaluated: result.totals.rules,
      violations: result.totals.violations,
      actions: result.totals.actions,
      published: result.published,
    };
  };
}
