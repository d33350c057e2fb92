import { canonicalCidr } from '../model/cidr.js';
import { describeSource, type PortRange, type Rule, type Source } from '../model/rule.js';

/**
 * One ingress permission the guard asks EC2 to add: what narrowing keeps and what replacement adds.
 * One source each, like the rule model, so the finding can name exactly what was added.
 */
export interface Permission {
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'icmpv6';
  /** tcp/udp: a port range; icmp/icmpv6: `{from: -1, to: -1}` for every type and code. */
  readonly ports: PortRange;
  readonly source: Extract<Source, { kind: 'cidr4' | 'cidr6' | 'prefix-list' }>;
  readonly description?: string;
}

export const ANY_ICMP: PortRange = Object.freeze({ from: -1, to: -1 });

/** e.g. `tcp/0-21`, `udp/all`, `icmp/all`, `tcp/22`: the words the findings use. */
export function describePermissionPorts(p: Pick<Permission, 'protocol' | 'ports'>): string {
  const { from, to } = p.ports;
  const whole = from === -1 || (from === 0 && to === 65535);
  if (whole) return `${p.protocol}/all`;
  return `${p.protocol}/${from === to ? from : `${from}-${to}`}`;
}

export function describePermission(p: Permission): string {
  return `${describePermissionPorts(p)} from ${describeSource(p.source)}`;
}

/** Identity for de-duplication and for matching the rules EC2 created back to what was asked. */
export function permissionKey(p: Pick<Permission, 'protocol' | 'ports' | 'source'>): string {
  const source =
    p.source.kind === 'prefix-list' ? p.source.prefixListId.toLowerCase() : canonicalCidr(p.source.cidr);
  return [p.protocol, p.ports.from, p.ports.to, source].join('|');
}

/** The same key for a rule EC2 reports, when it has a source a Permission can hold. */
export function ruleKeyAsPermission(rule: Rule): string | undefined {
  if (rule.source.kind === 'group') return undefined;
  if (
    rule.protocol !== 'tcp' &&
    rule.protocol !== 'udp' &&
    rule.protocol !== 'icmp' &&
    rule.protocol !== 'icmpv6'
  )
    return undefined;
  return permissionKey({ protocol: rule.protocol, ports: rule.ports, source: rule.source });
}

export function uniquePermissions(permissions: readonly Permission[]): Permission[] {
  const seen = new Map<string, Permission>();
  for (const p of permissions) if (!seen.has(permissionKey(p))) seen.set(permissionKey(p), p);
  return [...seen.values()];
}
