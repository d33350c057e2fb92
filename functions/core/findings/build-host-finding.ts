import type { HostPosture, InstanceRef } from '../model/host-posture.js';
import type { Trigger } from '../model/trigger.js';
import type { HostCheck } from '../policy/checks/check.js';
import { HOST_CHECKS } from '../policy/checks/host-checks.js';
import { buildEventFinding } from './build-event-finding.js';
import type { Finding } from './finding.js';
import { hostNotAssessed } from './host-finding-kinds.js';

export interface HostFindingContext {
  readonly trigger: Trigger;
  readonly mode: string;
  readonly now: Date;
}

export function instanceConsoleUrl(region: string, instanceId: string): string {
  return `https://${region}.console.aws.amazon.com/ec2/home?region=${region}#InstanceDetails:instanceId=${instanceId}`;
}

/** One finding per failing check of the host's last report; none when every check passes. */
export function buildHostFindings(
  posture: HostPosture,
  ctx: HostFindingContext,
  checks: readonly HostCheck[] = HOST_CHECKS,
): Finding[] {
  return checks.flatMap((check) => {
    const result = check.evaluate(posture);
    if (result.status !== 'non-compliant') return [];
    const { item } = result;
    const finding = buildEventFinding({
      kind: { checkId: check.id, title: check.title, severity: check.severity },
      summary: `${posture.instanceId}: ${result.reason}`,
      guidance: check.guidance.review,
      trigger: ctx.trigger,
      mode: ctx.mode,
      now: ctx.now,
      subject: `${posture.instanceId}/${check.id}`,
      resource: {
        type: 'instance',
        instanceId: posture.instanceId,
        details: {
          control: item.id,
          ...(item.value ? { value: item.value } : {}),
          ...(item.expected ? { expected: item.expected } : {}),
          ...(item.context ? { context: item.context } : {}),
          ...(posture.assessedAt ? { assessedAt: posture.assessedAt } : {}),
        },
      },
    });
    return [{ ...finding, consoleUrl: instanceConsoleUrl(ctx.trigger.region, posture.instanceId) }];
  });
}

/**
 * Instances in scope that Systems Manager has no SSH posture for: no agent, no instance profile, or
 * the assessment never reported. Listed so that silence is never read as compliance.
 */
export function buildNotAssessedFinding(
  instances: readonly InstanceRef[],
  ctx: HostFindingContext,
  listLimit = 50,
): Finding | undefined {
  if (instances.length === 0) return undefined;
  const ids = instances.map((i) => i.instanceId).sort();
  const shown = ids.slice(0, listLimit);
  const more = ids.length > shown.length ? ` and ${ids.length - shown.length} more` : '';
  return buildEventFinding({
    kind: hostNotAssessed,
    summary: `${ids.length} running instance(s) in ${ctx.trigger.region} have no SSH posture report: ${shown.join(', ')}${more}.`,
    guidance: hostNotAssessed.guidance(undefined),
    trigger: ctx.trigger,
    mode: ctx.mode,
    now: ctx.now,
    resource: { type: 'region', details: { count: ids.length, instanceIds: shown } },
  });
}
