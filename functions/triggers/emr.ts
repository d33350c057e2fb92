import { buildUnparsedFinding } from '../core/findings/build-event-finding.js';
import type { Finding } from '../core/findings/finding.js';
import type { EmrGroups } from '../core/model/emr-cluster.js';
import { GUARDED_STATES } from '../core/model/emr-cluster.js';
import type { Trigger } from '../core/model/trigger.js';
import { parseClusterStateChange, parseRunJobFlow } from '../parse/emr-request.js';
import { classifyEvent } from '../parse/envelope.js';
import { toCloudTrailTrigger, toEnvelopeTrigger } from '../parse/trigger.js';

/** One EMR event, reduced to the cluster it is about. */
export interface EmrRequest {
  readonly trigger: Trigger;
  readonly clusterId: string;
  readonly clusterName?: string;
  /** Groups the RunJobFlow request named (master and slave at least): no DescribeCluster needed. */
  readonly named?: EmrGroups;
  /** RunJobFlow waits (bounded) for EMR to name the groups; a state change need not: later states follow. */
  readonly waitForGroups: boolean;
}

export type EmrRoute =
  | { readonly kind: 'ignored'; readonly reason: string; readonly eventId?: string }
  | { readonly kind: 'skipped'; readonly reason: string; readonly eventId: string }
  | { readonly kind: 'unparsed'; readonly trigger: Trigger; readonly reason: string }
  | { readonly kind: 'cluster'; readonly request: EmrRequest };

export const EMR_STATE_CHANGE = 'EMR Cluster State Change';

/** RunJobFlow and EMR state changes become an EmrRequest; everything else is not this function's. */
export function routeEmrEvent(event: unknown): EmrRoute {
  const routed = classifyEvent(event);
  switch (routed.kind) {
    case 'foreign':
      return { kind: 'ignored', reason: routed.reason, ...(routed.id ? { eventId: routed.id } : {}) };
    case 'schedule':
      return { kind: 'ignored', reason: 'schedule is handled elsewhere', eventId: routed.envelope.id };
    case 'cloudtrail-error':
      return {
        kind: 'skipped',
        reason: `call failed with ${routed.errorCode}`,
        eventId: routed.envelope.id,
      };
    case 'cloudtrail': {
      if (routed.envelope.source !== 'aws.elasticmapreduce' || routed.eventName !== 'RunJobFlow')
        return {
          kind: 'ignored',
          reason: `${routed.eventName} is handled elsewhere`,
          eventId: routed.envelope.id,
        };
      const trigger = toCloudTrailTrigger(routed.envelope, routed.record);
      const parsed = parseRunJobFlow(routed.record);
      if (!parsed.ok) return { kind: 'unparsed', trigger, reason: parsed.error };
      return { kind: 'cluster', request: { trigger, ...parsed.value, waitForGroups: true } };
    }
    case 'emr-state': {
      const trigger = toEnvelopeTrigger(routed.envelope, 'emr-state', EMR_STATE_CHANGE);
      const parsed = parseClusterStateChange(routed.detail);
      if (!parsed.ok) return { kind: 'unparsed', trigger, reason: parsed.error };
      // The pattern already drops other states; a forwarder or replay may not, and TERMINATED has nothing to guard.
      if (!GUARDED_STATES.includes(parsed.value.state))
        return { kind: 'ignored', reason: `cluster state ${parsed.value.state}`, eventId: trigger.eventId };
      const { clusterId, clusterName } = parsed.value;
      return {
        kind: 'cluster',
        request: { trigger, clusterId, ...(clusterName ? { clusterName } : {}), waitForGroups: false },
      };
    }
  }
}

export function unparsedFinding(
  route: Extract<EmrRoute, { kind: 'unparsed' }>,
  mode: string,
  now: Date,
): Finding {
  return buildUnparsedFinding(route.trigger, route.reason, mode, now);
}
