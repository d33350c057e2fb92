import type { Config } from '../config/config.js';
import type { Trigger } from '../core/model/trigger.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { publishFindings } from '../pipeline/publish-findings.js';
import { runGuard } from '../pipeline/run-guard.js';
import { sweepRegion } from '../pipeline/sweep-region.js';
import { toEventWork } from '../triggers/event-work.js';
import { TRIGGERS, type TriggerRegistry } from '../triggers/registry.js';
import { routeEvent } from '../triggers/route-event.js';
import { homeOf, type LambdaContext } from './lambda-context.js';
import { answerUnrouted, type HandlerResult, handledResult, summaryLogFields } from './result.js';

/** The event-driven guard: route, adapt, run the one pipeline, log one summary line. */
export function makeGuardHandler(config: Config, deps: Deps, log: Log, triggers: TriggerRegistry = TRIGGERS) {
  return async (event: unknown, context?: LambdaContext): Promise<HandlerResult> => {
    const started = Date.now();
    const route = routeEvent(event, 'guard', triggers, homeOf(context));
    if (route.kind !== 'work') return answerUnrouted(route, config, deps, log);
    const { trigger } = route;
    const work = await toEventWork(route.work, deps.ec2For(trigger.region));
    if (work.kind === 'sweep-region') return sweepEventRegion(trigger, work.reason, config, deps, log);
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

/**
 * The sweep's per-region step for one event: every rule of the event's region, read and judged as
 * the scheduled sweep would, so what the call opened closes in seconds, not at the next schedule.
 */
async function sweepEventRegion(
  trigger: Trigger,
  reason: string,
  config: Config,
  deps: Deps,
  log: Log,
): Promise<HandlerResult> {
  const { report, findings } = await sweepRegion(trigger, config, deps);
  await publishFindings(findings, deps.publisher);
  const swept = `${reason}: swept ${trigger.region}`;
  log.info('handled event by sweeping its region', { eventId: trigger.eventId, reason: swept, report });
  return {
    status: 'handled',
    eventId: trigger.eventId,
    reason: swept,
    rulesEvaluated: report.rules,
    violations: report.violations,
    actions: report.actions,
    findingIds: findings.map((f) => f.findingId),
  };
}
