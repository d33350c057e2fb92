import { enrichWithHosts } from '../core/findings/enrich-host-exposure.js';
import type { Finding } from '../core/findings/finding.js';
import type { HostPosture, InstanceRef } from '../core/model/host-posture.js';

/** The reads the host join needs, sized to it. */
export interface HostPort {
  /** Instances (not terminated) that use any of these groups: at most `limit`, one page. */
  findInstancesByGroups(
    groupIds: readonly string[],
    limit: number,
  ): Promise<{ readonly instances: InstanceRef[]; readonly truncated: boolean }>;
  /** The SSH posture each instance last reported; instances that never reported are absent. */
  readPostures(instanceIds: readonly string[]): Promise<Map<string, HostPosture>>;
}

export interface HostExposureSettings {
  readonly enabled: boolean;
  /** Instances read per handled event, whatever the number of findings. */
  readonly maxInstances: number;
}

/**
 * Joins security group findings with the instances behind their groups and those hosts' SSH
 * posture. Reads only when there is a finding that names a group, and at most `maxInstances`
 * instances per event: one DescribeInstances page, then their compliance items.
 */
export async function enrichHostExposure(
  findings: readonly Finding[],
  port: HostPort,
  settings: HostExposureSettings,
): Promise<Finding[]> {
  const groupIds = [...new Set(findings.flatMap((f) => (f.resource.groupId ? [f.resource.groupId] : [])))];
  if (!settings.enabled || groupIds.length === 0) return [...findings];
  const { instances, truncated } = await port.findInstancesByGroups(groupIds, settings.maxInstances);
  if (instances.length === 0) return [...findings];
  const postures = await port.readPostures(instances.map((i) => i.instanceId));
  return findings.map((f) => enrichWithHosts(f, { instances, truncated, postures }));
}
