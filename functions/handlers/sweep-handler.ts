import type { Config } from '../config/config.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { runSweep } from '../pipeline/run-sweep.js';
import { TRIGGERS, type TriggerRegistry } from '../triggers/registry.js';
import { routeEvent } from '../triggers/route-event.js';
import { answerUnrouted, type HandlerResult } from './result.js';

/**
 * The scheduled sweep: every enabled region, same pipeline as the events. The schedule's event id
 * is the sweep id, so a retried invocation gives the same finding ids.
 */
export function makeSweepHandler(config: Config, deps: Deps, log: Log, triggers: TriggerRegistry = TRIGGERS) {
  return async (event: unknown): Promise<HandlerResult> => {
    const route = routeEvent(event, 'sweep', triggers);
    if (route.kind !== 'work') return answerUnrouted(route, config, deps, log);
    const { trigger } = route;
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
