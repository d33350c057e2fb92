import type { Config } from '../config/config.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { runGuard } from '../pipeline/run-guard.js';
import { toEventWork } from '../triggers/prefix-list-event.js';
import { TRIGGERS, type TriggerRegistry } from '../triggers/registry.js';
import { routeEvent } from '../triggers/route-event.js';
import { answerUnrouted, type HandlerResult, handledResult, summaryLogFields } from './result.js';

/** The event-driven guard: route, adapt, run the one pipeline, log one summary line. */
export function makeGuardHandler(config: Config, deps: Deps, log: Log, triggers: TriggerRegistry = TRIGGERS) {
  return async (event: unknown): Promise<HandlerResult> => {
    const started = Date.now();
    const route = routeEvent(event, 'guard', triggers);
    if (route.kind !== 'work') return answerUnrouted(route, config, deps, log);
    const { trigger } = route;
    const work = await toEventWork(route.work, deps.ec2For(trigger.region));
    if (work.kind === 'nothing') {
      log.info('handled event: nothing to evaluate', { eventId: trigger.eventId, reason: work.reason });
      return { status: 'handled', eventId: trigger.eventId, reason: work.reason, rulesEvaluated: 0 };
    }
    const { selection, prefixListChanges } = work;
    const summary = await runGuard(
      { trigger, selection, ...(prefixListChanges ? { prefixListChanges } : {}) },
      config,
      deps,
    );
    log.info('handled event', summaryLogFields(summary, started));
    return handledResult(summary);
  };
}
