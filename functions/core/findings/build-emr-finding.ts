import type { Trigger } from '../model/trigger.js';
import { buildEventFinding } from './build-event-finding.js';
import type { Finding } from './finding.js';
import { emrClusterGone } from './finding-kinds.js';

export interface ClusterRef {
  readonly id: string;
  readonly name?: string;
  readonly state?: string;
}

export interface EmrFindingContext {
  readonly trigger: Trigger;
  readonly mode: string;
  readonly now: Date;
  readonly cluster: ClusterRef;
}

export const emrOf = (cluster: ClusterRef, blockPublicAccess?: string) => ({
  clusterId: cluster.id,
  ...(cluster.name ? { clusterName: cluster.name } : {}),
  ...(cluster.state ? { state: cluster.state } : {}),
  ...(blockPublicAccess ? { blockPublicAccess } : {}),
});

export const nameOf = (cluster: ClusterRef) =>
  cluster.name ? `${cluster.id} (${cluster.name})` : cluster.id;

/** A cluster that ended or cannot be found is worth a line, not a retry. */
export function buildClusterGoneFinding(ctx: EmrFindingContext, reason: string): Finding {
  const region = ctx.trigger.region;
  return {
    ...buildEventFinding({
      kind: emrClusterGone,
      summary: `EMR cluster ${nameOf(ctx.cluster)} is gone (${reason}); its security groups were not evaluated for this event.`,
      guidance: emrClusterGone.guidance(undefined),
      trigger: ctx.trigger,
      mode: ctx.mode,
      now: ctx.now,
      resource: { type: 'emr-cluster', emr: emrOf(ctx.cluster) },
      subject: ctx.cluster.id,
    }),
    consoleUrl: `https://${region}.console.aws.amazon.com/emr/home?region=${region}#/clusterDetails/${ctx.cluster.id}`,
  };
}
