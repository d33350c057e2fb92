import type { Config } from '../config/config.js';
import {
  buildBlockPublicAccessFinding,
  describeBlockPublicAccessResult,
} from '../core/findings/build-bpa-finding.js';
import { buildClusterGoneFinding } from '../core/findings/build-emr-finding.js';
import type { EmrDeps } from '../emr-deps.js';
import type { Log } from '../log.js';
import { guardBlockPublicAccess, makeBlockPublicAccessCache } from '../pipeline/emr-block-public-access.js';
import { publishFindings } from '../pipeline/publish-findings.js';
import { runGuard } from '../pipeline/run-guard.js';
import { routeEmrEvent, unparsedFinding } from '../triggers/emr.js';
import { resolveEmrCluster, toEmrGuardInput } from '../triggers/emr-cluster.js';
import type { HandlerResult } from './guard-handler.js';
import { handledResult, summaryLogFields } from './summary.js';

export interface EmrHandlerResult extends HandlerResult {
  readonly clusterId?: string;
  /** How the groups were found, or why none were evaluated. */
  readonly cluster?: 'request' | 'describe' | 'gone' | 'pending';
  readonly groups?: readonly string[];
}

/** The EMR guard: RunJobFlow and cluster state changes → the cluster's groups → the one pipeline. */
export function makeEmrGuardHandler(config: Config, deps: EmrDeps, log: Log) {
  return async (event: unknown): Promise<EmrHandlerResult> => {
    const started = Date.now();
    const route = routeEmrEvent(event);
    if (route.kind === 'ignored' || route.kind === 'skipped') {
      log[route.kind === 'ignored' ? 'warn' : 'debug']('EMR guard not acting on event', { ...route });
      return {
        status: route.kind,
        reason: route.reason,
        ...(route.eventId ? { eventId: route.eventId } : {}),
      };
    }
    if (route.kind === 'unparsed') {
      const finding = unparsedFinding(route, config.mode, deps.now());
      log.error('EMR event not understood; published unparsed-event finding', {
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
    const { request } = route;
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
