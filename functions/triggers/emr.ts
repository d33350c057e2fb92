import { GUARDED_STATES } from '../core/model/emr-cluster.js';
import type { Trigger } from '../core/model/trigger.js';
import { parseClusterStateChange, parseRunJobFlow } from '../parse/emr-request.js';
import type { Json, Parsed } from '../parse/json.js';
import { ok } from '../parse/json.js';
import type { EmrWork, Ignore } from './work.js';

/** One EMR event, reduced to the cluster it is about. */
export type EmrRequest = Omit<EmrWork, 'kind'> & { readonly trigger: Trigger };

export function toEmrRequest(trigger: Trigger, work: EmrWork): EmrRequest {
  const { kind: _, ...cluster } = work;
  return { trigger, ...cluster };
}

/** RunJobFlow → the new cluster, waiting (bounded) for EMR to name its groups. */
export function parseRunJobFlowWork(detail: Json): Parsed<EmrWork> {
  const parsed = parseRunJobFlow(detail);
  return parsed.ok ? ok({ kind: 'cluster', ...parsed.value, waitForGroups: true }) : parsed;
}

/** EMR Cluster State Change → the cluster, while it runs; later states follow, so no waiting. */
export function parseStateChangeWork(detail: Json): Parsed<EmrWork | Ignore> {
  const parsed = parseClusterStateChange(detail);
  if (!parsed.ok) return parsed;
  // The pattern already drops other states; a forwarder or replay may not, and TERMINATED has nothing to guard.
  if (!GUARDED_STATES.includes(parsed.value.state))
    return ok({ kind: 'ignore', reason: `cluster state ${parsed.value.state}` });
  const { clusterId, clusterName } = parsed.value;
  return ok({ kind: 'cluster', clusterId, ...(clusterName ? { clusterName } : {}), waitForGroups: false });
}
