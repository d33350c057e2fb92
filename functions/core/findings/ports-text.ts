import type { FindingResource } from './finding.js';

/**
 * What a finding's rule opens, as people write it: `tcp/22`, `tcp/0-1023`, `all traffic` when the
 * rule admits every protocol; undefined when the finding names no ports (a group, a region).
 */
export function portsText(resource: Pick<FindingResource, 'protocol' | 'ports'>): string | undefined {
  const { protocol, ports } = resource;
  if (protocol === 'all') return 'all traffic';
  if (!ports) return undefined;
  return `${protocol}/${ports.from === ports.to ? ports.from : `${ports.from}-${ports.to}`}`;
}
