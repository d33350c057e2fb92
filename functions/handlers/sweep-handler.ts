import type { Config } from '../config/config.js';
import { type SweepSpread, sweepTurn } from '../core/model/sweep-slot.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { runSweep } from '../pipeline/run-sweep.js';
import { TRIGGERS, type TriggerRegistry } from '../triggers/registry.js';
import { routeEvent } from '../triggers/route-event.js';
import { homeOf, type LambdaContext } from './lambda-context.js';
import { answerUnrouted, type HandlerResult } from './result.js';

/**
 * The scheduled sweep: every enabled region, same pipeline as the events. The schedule's event id
 * is the sweep id, so a retried invocation gives the same finding ids.
 */
export function makeSweepHandler(
  config: Config,
  deps: Deps,
  log: Log,
  triggers: TriggerRegistry = TRIGGERS,
  spread?: SweepSpread,
) {
  return async (event: unknown, context?: LambdaContext): Promise<HandlerResult> => {
    const route = routeEvent(event, 'sweep', triggers, homeOf(context));
    if (route.kind !== 'work') return answerUnrouted(route, config, deps, log);
    const { trigger } = route;
    // Spread over the organisation: this firing may be another account's slot (sweep-slot.ts).
    const turn = spread && sweepTurn(trigger.account, new Date(trigger.eventTime), spread);
    if (turn?.turn === 'wait') {
      const reason = `not this account's sweep slot; next in ${turn.nextInMinutes} min`;
      log.debug('sweep skipped', { eventId: trigger.eventId, reason });
      return { status: 'ignored', eventId: trigger.eventId, reason };
    }
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
