import { errorInfo } from '../adapters/aws-error.js';
import type { HostPostureSettings } from '../config/config.js';
import { enrichWithHosts } from '../core/findings/enrich-host-exposure.js';
import type { Finding } from '../core/findings/finding.js';
import type { HostPort } from '../deps.js';

export type { HostPort } from '../deps.js';

type HostExposureSettings = Pick<HostPostureSettings, 'enabled' | 'maxInstances'>;

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
  try {
    const { instances, truncated } = await port.findInstancesByGroups(groupIds, settings.maxInstances);
    if (instances.length === 0) return [...findings];
    const postures = await port.readPostures(instances.map((i) => i.instanceId));
    return findings.map((f) => enrichWithHosts(f, { instances, truncated, postures }));
  } catch (cause) {
    // The findings matter more than their enrichment: they go out without hosts, saying why.
    const { code } = errorInfo(cause);
    const note = `the instances behind the group could not be read (${code}); host posture is not included`;
    return findings.map((f) =>
      f.resource.groupId
        ? { ...f, action: { ...f.action, note: [f.action.note, note].filter(Boolean).join('; ') } }
        : f,
    );
  }
}
