import { canonicalCidr } from './cidr.js';

/**
 * The one flat rule model. Every input shape (CloudTrail request forms, the response rule set,
 * ModifySecurityGroupRules, DescribeSecurityGroupRules) is normalised into this at the edge, so
 * nothing downstream knows about CloudTrail's `items` wrapping or PascalCase.
 */

/** Named protocols; any other IP protocol keeps its number as a string (e.g. "47"). */
export type Protocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'all' | `${number}`;

/** Inclusive port range; for ICMP it holds type/code and is never compared with ports. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const ALL_PORTS: PortRange = Object.freeze({ from: 0, to: 65535 });

export type Source =
  | { readonly kind: 'cidr4'; readonly cidr: string }
  | { readonly kind: 'cidr6'; readonly cidr: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string }
  | { readonly kind: 'group'; readonly groupId: string; readonly userId?: string };

/** Which way a rule admits traffic. A request that does not say (ModifySecurityGroupRules) is read back. */
export type Direction = 'ingress' | 'egress';

/** What a rule admits, whoever holds it. */
export interface RuleContent {
  readonly direction: Direction;
  readonly protocol: Protocol;
  /** `ALL_PORTS` for protocol "all" and for tcp/udp rules that carry no ports. */
  readonly ports: PortRange;
  readonly source: Source;
  readonly description?: string;
}

/**
 * A rule as EC2 holds it now: its group and its `sgr-` id are known, so it can be revoked and named.
 * Everything past the parser and the gather step works on these.
 */
export interface CurrentRule extends RuleContent {
  readonly groupId: string;
  readonly ruleId: string;
  /** Kept when a legacy request named the group, so findings say what the caller wrote. */
  readonly groupName?: string;
}

/**
 * A requested rule that matches nothing the group holds now (deleted since, or never created).
 * It is judged like any rule, so its finding says what was asked, but nothing is left to revoke.
 */
export interface MissingRule extends RuleContent {
  readonly groupId?: string;
  readonly groupName?: string;
  readonly ruleId?: undefined;
}

/** What the policy judges: a current rule, or a missing one (which gets its own finding). */
export type Rule = CurrentRule | MissingRule;

/**
 * A rule as a CloudTrail request states it, before the gather step finds it among the group's rules:
 * pre-2021 records carry no rule id, legacy requests name the group, and ModifySecurityGroupRules does
 * not say which way the rule goes. Only parsers produce these; the gather step turns them into
 * current rules or missing ones.
 */
export interface RequestedRule {
  readonly groupId?: string;
  readonly groupName?: string;
  readonly ruleId?: string;
  readonly direction: Direction | 'unknown';
  readonly protocol: Protocol;
  readonly ports: PortRange;
  readonly source: Source;
  readonly description?: string;
}

/** The rules of each named group, by group id (a group that holds none maps to none). */
export function rulesByGroup(
  groupIds: readonly string[],
  rules: readonly CurrentRule[],
): ReadonlyMap<string, readonly CurrentRule[]> {
  return new Map(groupIds.map((id) => [id, rules.filter((r) => r.groupId === id)] as const));
}

export function isCurrentRule(rule: Rule): rule is CurrentRule {
  return rule.ruleId !== undefined;
}

const PROTOCOL_NAMES: Record<string, Protocol> = {
  '-1': 'all',
  all: 'all',
  '6': 'tcp',
  tcp: 'tcp',
  '17': 'udp',
  udp: 'udp',
  '1': 'icmp',
  icmp: 'icmp',
  '58': 'icmpv6',
  icmpv6: 'icmpv6',
};

/**
 * Turns `"-1"`, `"6"`, `6`, `"006"`, `"TCP"`... into one spelling; undefined when it is not a protocol
 * at all. EC2 takes the protocol by name or by number; a number is read as the number it is (leading
 * zeros and all), so a spelling of 6 is tcp and never "another protocol, not SSH". Anything else
 * (`"+6"`, `"6.5"`, `"ssh"`, above 255) is not understood, and the caller reports it.
 */
export function toProtocol(raw: unknown): Protocol | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const key = String(raw).trim().toLowerCase();
  const numeric = /^\d{1,3}$/.test(key) ? String(Number(key)) : key;
  // hasOwn: "constructor" or "toString" must not read Object.prototype.
  const named = Object.hasOwn(PROTOCOL_NAMES, numeric) ? PROTOCOL_NAMES[numeric] : undefined;
  if (named) return named;
  return /^\d{1,3}$/.test(numeric) && Number(numeric) <= 255 ? (numeric as `${number}`) : undefined;
}

/**
 * Ports as the policy sees them. Protocol all always means every port; -1 or missing ports on
 * tcp/udp are read as every port too (conservative: such a rule can only be wider than it looks).
 */
export function toPortRange(protocol: Protocol, fromPort: unknown, toPort: unknown): PortRange {
  if (protocol === 'all') return ALL_PORTS;
  const from = toPortNumber(fromPort);
  const to = toPortNumber(toPort);
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined || from < 0 || to < 0) return ALL_PORTS;
    return { from: Math.min(from, to), to: Math.max(from, to) };
  }
  return { from: from ?? -1, to: to ?? -1 };
}

function toPortNumber(raw: unknown): number | undefined {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'cidr4':
    case 'cidr6':
      return source.cidr;
    case 'prefix-list':
      return source.prefixListId;
    case 'group':
      return source.groupId;
  }
}

export function describePorts(rule: Pick<Rule, 'protocol' | 'ports'>): string {
  if (rule.protocol === 'all') return 'all traffic';
  const { from, to } = rule.ports;
  const ports = from === to ? `${from}` : `${from}-${to}`;
  return `${rule.protocol}/${ports}`;
}

/** A key that identifies a rule's content (not its id): used to match request rules to described ones. */
export function ruleContentKey(rule: Rule | RequestedRule): string {
  const source =
    rule.source.kind === 'cidr4' || rule.source.kind === 'cidr6'
      ? canonicalCidr(rule.source.cidr)
      : describeSource(rule.source);
  return [rule.groupId ?? rule.groupName, rule.protocol, rule.ports.from, rule.ports.to, source]
    .join('|')
    .toLowerCase();
}
