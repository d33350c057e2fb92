import { errorInfo } from '../adapters/aws-error.js';
import type { PolicySettings } from '../config/config.js';
import { buildEventFinding } from '../core/findings/build-event-finding.js';
import { buildNotAssessedFinding } from '../core/findings/build-host-finding.js';
import type { Finding } from '../core/findings/finding.js';
import { hostCoverageFailed } from '../core/findings/host-finding-kinds.js';
import { findNotAssessed } from '../core/model/host-posture.js';
import type { Trigger } from '../core/model/trigger.js';
import type { Deps } from '../deps.js';

/**
 * The sweep's host coverage for one region (host posture on): running instances in the
 * association's scope that Systems Manager has no SSH posture for, as one finding. A failed read is
 * a finding too, so an unknown is never silent, and it never costs the region its other findings.
 */
export async function findUnassessedHosts(
  trigger: Trigger,
  settings: PolicySettings,
  deps: Deps,
): Promise<Finding[]> {
  const hostPosture = settings.hostPosture;
  if (!deps.coverageFor || !hostPosture?.enabled) return [];
  const port = deps.coverageFor(trigger.region);
  const ctx = { trigger, mode: settings.mode, now: deps.now() };
  try {
    const [inScope, assessed] = await Promise.all([
      port.listInstancesInScope(hostPosture.tag),
      port.listAssessedInstances(),
    ]);
    const finding = buildNotAssessedFinding(findNotAssessed(inScope, assessed), ctx);
    return finding ? [finding] : [];
  } catch (cause) {
    const error = errorInfo(cause);
    return [
      buildEventFinding({
        ...ctx,
        kind: hostCoverageFailed,
        summary: `Listing instances and their SSH posture reports in ${trigger.region} failed (${error.code}): which hosts are not assessed is unknown.`,
        guidance: hostCoverageFailed.guidance(undefined),
        action: 'failed',
        error,
      }),
    ];
  }
}
