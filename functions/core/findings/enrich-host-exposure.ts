import {
  failingControls,
  type HostPosture,
  hasInstanceConnect,
  type InstanceRef,
  summarisePosture,
} from '../model/host-posture.js';
import { SSHD_FIX_HOW, SSHD_FIX_LINES } from '../policy/checks/host-check.js';
import type { ExposedInstance, Finding } from './finding.js';

/** What was read about the instances behind the findings' groups (bounded by the caller). */
export interface HostExposure {
  readonly instances: readonly InstanceRef[];
  /** More instances use these groups than were read. */
  readonly truncated: boolean;
  readonly postures: ReadonlyMap<string, HostPosture>;
}

/** Checks whose findings are review-class: a public source the policy does not remove by itself. */
const REVIEW_CHECKS: readonly string[] = ['ssh-public-source'];

export function toExposedInstance(instance: InstanceRef, posture: HostPosture | undefined): ExposedInstance {
  const failing = posture ? failingControls(posture) : [];
  return {
    instanceId: instance.instanceId,
    ...(instance.name ? { name: instance.name } : {}),
    ...(instance.state ? { state: instance.state } : {}),
    ...(instance.publicIp ? { publicIp: instance.publicIp } : {}),
    sshPosture: summarisePosture(posture),
    ...(failing.length > 0 ? { failing } : {}),
    ...(posture?.assessedAt ? { assessedAt: posture.assessedAt } : {}),
    ...(posture ? { instanceConnect: hasInstanceConnect(posture) } : {}),
  };
}

/**
 * A security group finding joined with its hosts: which instances use the group and what their SSH
 * daemons accept. A review-class source in front of a host that accepts passwords is raised to
 * high: a guessable login is exposed, not just a port. The guidance names the fix per host.
 */
export function enrichWithHosts(finding: Finding, exposure: HostExposure): Finding {
  const groupId = finding.resource.groupId;
  if (!groupId) return finding;
  const behind = exposure.instances.filter((i) => i.groupIds.includes(groupId));
  if (behind.length === 0) return finding;
  const instances = behind.map((i) => toExposedInstance(i, exposure.postures.get(i.instanceId)));
  const byPosture = (p: ExposedInstance['sshPosture']) =>
    instances.filter((i) => i.sshPosture === p).map((i) => i.instanceId);
  const withPasswords = byPosture('accepts-passwords');
  const raise =
    REVIEW_CHECKS.includes(finding.checkId) && withPasswords.length > 0 && finding.severity === 'medium';
  const note = raise
    ? `severity raised from medium: ${withPasswords.join(', ')} accept password logins`
    : undefined;
  return {
    ...finding,
    severity: raise ? 'high' : finding.severity,
    resource: { ...finding.resource, instances, ...(exposure.truncated ? { instancesTruncated: true } : {}) },
    action: note
      ? { ...finding.action, note: [finding.action.note, note].filter(Boolean).join('; ') }
      : finding.action,
    guidance: `${finding.guidance} ${hostGuidance(instances)}`,
  };
}

function hostGuidance(instances: readonly ExposedInstance[]): string {
  const ids = (pred: (i: ExposedInstance) => boolean) => instances.filter(pred).map((i) => i.instanceId);
  const parts: string[] = [];
  const passwords = ids((i) => i.sshPosture === 'accepts-passwords');
  if (passwords.length > 0) {
    parts.push(
      `${passwords.join(', ')} accept password logins over SSH: set ${SSHD_FIX_LINES}; ${SSHD_FIX_HOW}.`,
    );
  }
  const weak = ids((i) => i.sshPosture === 'weak');
  if (weak.length > 0)
    parts.push(`${weak.join(', ')} fail other SSH daemon checks (see their host findings).`);
  const unknown = ids((i) => i.sshPosture === 'not-assessed');
  if (unknown.length > 0) {
    parts.push(
      `Nothing is known about the SSH daemon of ${unknown.join(', ')} (no SSM agent or no posture report), so treat it as accepting passwords until assessed.`,
    );
  }
  const eic = ids((i) => i.instanceConnect === true);
  const target = instances[0]?.instanceId ?? 'i-...';
  parts.push(
    eic.length > 0
      ? `EC2 Instance Connect is installed on ${eic.join(', ')}: allow tcp/22 only from the region's EC2 Instance Connect prefix list and connect with \`aws ec2-instance-connect ssh --instance-id ${eic[0]}\`.`
      : `No inbound SSH is needed with Session Manager: \`aws ssm start-session --target ${target}\`.`,
  );
  return parts.join(' ');
}
