import { buildHostFindings } from '../core/findings/build-host-finding.js';
import type { Finding } from '../core/findings/finding.js';
import { type HostPosture, SSH_POSTURE_TYPE } from '../core/model/host-posture.js';
import type { Trigger } from '../core/model/trigger.js';
import { type ComplianceChange, parseComplianceChange } from '../parse/compliance-change.js';
import { fail, type Json, ok, type Parsed, str } from '../parse/json.js';
import type { Ignore, PostureWork } from './work.js';

export const COMPLIANCE_CHANGE = 'Configuration Compliance State Change';

/**
 * The trigger's parser: another compliance type is not this function's (the deployed pattern lets
 * none through; a hand-made rule might), a Custom:SshPosture change it cannot read is unparsed.
 */
export function parsePostureWork(detail: Json): Parsed<PostureWork | Ignore> {
  const type = str(detail['compliance-type']);
  if (type !== SSH_POSTURE_TYPE)
    return ok({ kind: 'ignore', reason: `compliance type ${type ?? '(none)'} is not ${SSH_POSTURE_TYPE}` });
  const parsed = parseComplianceChange(detail);
  return parsed.ok ? ok({ kind: 'posture-change', change: parsed.value }) : fail(parsed.error);
}

/** What the SSH posture trigger needs: the items one instance last reported. */
export interface PostureReader {
  readPostures(instanceIds: readonly string[]): Promise<Map<string, HostPosture>>;
}

export type PostureOutcome =
  | { readonly kind: 'findings'; readonly findings: readonly Finding[]; readonly instanceId: string }
  | { readonly kind: 'nothing'; readonly reason: string };

/**
 * A host whose daemon turned compliant needs nothing (no read); one that turned non-compliant has
 * its items read once and each failing control becomes a finding.
 */
export async function assessPostureChange(
  change: ComplianceChange,
  trigger: Trigger,
  reader: PostureReader,
  ctx: { readonly mode: string; readonly now: Date },
): Promise<PostureOutcome> {
  const { instanceId, status, lastRuntime } = change;
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
