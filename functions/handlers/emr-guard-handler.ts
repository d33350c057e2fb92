import type { Config } from '../config/config.js';
import {
  buildBlockPublicAccessFinding,
  describeBlockPublicAccessResult,
} from '../core/findings/build-bpa-finding.js';
import { buildClusterGoneFinding } from '../core/findings/build-emr-finding.js';
import type { EmrDeps } from '../emr-deps.js';
import type { Log } from '../log.js';
import { guardBlockPublicAccess, makeBlockPublicAccessCache } from '../pipeline/emr-block-public-access.js';
import { runGuard } from '../pipeline/run-guard.js';
import { toEmrRequest } from '../triggers/emr.js';
import { resolveEmrCluster, toEmrGuardInput } from '../triggers/emr-cluster.js';
import { TRIGGERS, type TriggerRegistry } from '../triggers/registry.js';
import { routeEvent } from '../triggers/route-event.js';
import { answerUnrouted, type HandlerResult, handledResult, summaryLogFields } from './result.js';

/** The EMR guard: RunJobFlow and cluster state changes → the cluster's groups → the one pipeline. */
export function makeEmrGuardHandler(
  config: Config,
  deps: EmrDeps,
  log: Log,
  triggers: TriggerRegistry = TRIGGERS,
) {
  return async (event: unknown): Promise<HandlerResult> => {
    const started = Date.now();
    const route = routeEvent(event, 'emrGuard', triggers);
    if (route.kind !== 'work') return answerUnrouted(route, config, deps, log);
    const request = toEmrRequest(route.trigger, route.work);
    const region = request.trigger.region;
    const emr = deps.emrFor(region);
    const resolution = await resolveEmrCluster(request, emr, deps.sleep);
    const bpa = await guardBlockPublicAccess(region, makeBlockPublicAccessCache(deps.emrFor), emr, config);
    const ctx = { trigger: request.trigger, mode: config.mode, now: deps.now(), cluster: resolution.cluster };
    const extra = [
      ...(resolution.kind === 'gone' ? [buildClusterGoneFinding(ctx, resolution.reason)] : []),
      ...[buildBlockPublicAccessFinding(ctx, bpa)].filter((f) => f !== undefined),
    ];
    const input = toEmrGuardInput(request, resolution, describeBlockPublicAccessResult(bpa), extra);
    const summary = await runGuard(input, config, deps);
    const cluster = resolution.kind === 'groups' ? resolution.source : resolution.kind;
    const groups = input.selection.kind === 'groups' ? input.selection.groupIds : [];
    if (cluster === 'pending')
      log.warn('EMR groups not known yet; the state-change events will evaluate them', {
        clusterId: request.clusterId,
      });
    log.info('handled EMR event', {
      ...summaryLogFields(summary, started),
      clusterId: request.clusterId,
      cluster,
    });
    return { ...handledResult(summary), clusterId: request.clusterId, cluster, groups };
  };
}
