import { buildHostFindings } from '../core/findings/build-host-finding.js';
import type { Finding } from '../core/findings/finding.js';
import type { HostPosture } from '../core/model/host-posture.js';
import type { Trigger } from '../core/model/trigger.js';
import { parseComplianceChange } from '../parse/compliance-change.js';

/** What the SSH posture trigger needs: the items one instance last reported. */
export interface PostureReader {
  readPostures(instanceIds: readonly string[]): Promise<Map<string, HostPosture>>;
}

export type PostureWork =
  | { readonly kind: 'findings'; readonly findings: readonly Finding[]; readonly instanceId: string }
  | { readonly kind: 'nothing'; readonly reason: string }
  | { readonly kind: 'unparsed'; readonly reason: string };

/**
 * A "Configuration Compliance State Change" of Custom:SshPosture: a host whose daemon turned
 * compliant needs nothing (no read); one that turned non-compliant has its items read once and each
 * failing control becomes a finding.
 */
export async function adaptPostureEvent(
  detail: unknown,
  trigger: Trigger,
  reader: PostureReader,
  ctx: { readonly mode: string; readonly now: Date },
): Promise<PostureWork> {
  const parsed = parseComplianceChange(detail);
  if (!parsed.ok) return { kind: 'unparsed', reason: parsed.error };
  const { instanceId, status, lastRuntime } = parsed.value;
  if (status === 'compliant') return { kind: 'nothing', reason: `${instanceId} is compliant` };
  const posture = (await reader.readPostures([instanceId])).get(instanceId);
  if (!posture)
    return {
      kind: 'nothing',
      reason: `${instanceId} has no SSH posture items (already replaced or removed)`,
    };
  const findings = buildHostFindings(
    { ...posture, ...(posture.assessedAt || !lastRuntime ? {} : { assessedAt: lastRuntime }) },
    { trigger, mode: ctx.mode, now: ctx.now },
  );
  if (findings.length === 0) return { kind: 'nothing', reason: `${instanceId} passes every SSH check` };
  return { kind: 'findings', findings, instanceId };
}
