import type { Config } from '../config/config.js';
import type { PublishPort } from '../deps.js';
import type { Log } from '../log.js';
import { publishFindings } from '../pipeline/publish-findings.js';
import { TRIGGERS, type TriggerRegistry } from '../triggers/registry.js';
import { routeEvent } from '../triggers/route-event.js';
import { assessPostureChange, type PostureReader } from '../triggers/ssh-posture-event.js';
import { homeOf, type LambdaContext } from './lambda-context.js';
import { answerUnrouted, type HandlerResult } from './result.js';

export interface HostPostureDeps {
  /** Compliance items are read in the instance's region (the event's). */
  readonly postureFor: (region: string) => PostureReader;
  readonly publisher: PublishPort;
  readonly now: () => Date;
}

/**
 * Systems Manager compliance changes of the SSH posture type: route, read the host's report when it
 * turned non-compliant, publish its findings on the same topic, in the same schema, as security
 * group findings.
 */
export function makeHostPostureHandler(
  config: Pick<Config, 'mode'>,
  deps: HostPostureDeps,
  log: Log,
  triggers: TriggerRegistry = TRIGGERS,
) {
  return async (event: unknown, context?: LambdaContext): Promise<HandlerResult> => {
    // Like every function: an event for another account than this one is reported, never acted on.
    const route = routeEvent(event, 'hostPosture', triggers, homeOf(context));
    if (route.kind !== 'work') return answerUnrouted(route, config, deps, log);
    const { trigger } = route;
    const outcome = await assessPostureChange(route.work.change, trigger, deps.postureFor(trigger.region), {
      mode: config.mode,
      now: deps.now(),
    });
    if (outcome.kind === 'nothing') {
      log.info('handled event: nothing to report', { eventId: trigger.eventId, reason: outcome.reason });
      return { status: 'handled', eventId: trigger.eventId, reason: outcome.reason };
    }
    const published = await publishFindings(outcome.findings, deps.publisher);
    const findingIds = outcome.findings.map((f) => f.findingId);
    log.info('handled event', {
      eventId: trigger.eventId,
      instanceId: outcome.instanceId,
      checks: outcome.findings.map((f) => f.checkId),
      published,
    });
    return { status: 'handled', eventId: trigger.eventId, findingIds, published };
  };
}
