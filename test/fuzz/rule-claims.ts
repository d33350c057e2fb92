import type { OracleRule } from '../oracle/ssh-oracle.js';

type Json = Record<string, unknown>;

/** A rule as an event claims it, or 'unjudgeable' when a field lies outside the oracle's domain. */
export type Claim = OracleRule | 'unjudgeable';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object anywhere under `root` (the response rule set may have been wrapped or unwrapped). */
function objectsUnder(root: unknown): Json[] {
  if (Array.isArray(root)) return root.flatMap(objectsUnder);
  if (!isObject(root)) return [];
  return [root, ...Object.values(root).flatMap(objectsUnder)];
}

const PROTOCOL = /^(tcp|udp|icmp|icmpv6|-1|\d{1,3})$/i;

function protocolOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return typeof v === 'string' && PROTOCOL.test(v) ? v : undefined;
}

function portOf(v: unknown): number | undefined | 'bad' {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= -1 && v <= 65535 ? v : 'bad';
}

/**
 * Reads a response rule-set item (camelCase, as CloudTrail writes it) into the oracle's
 * DescribeSecurityGroupRules shape, without any of functions/parse. What the oracle is not
 * specified for (a protocol or port of the wrong type, a reversed range, several sources, a CIDR it
 * cannot parse...) makes the claim unjudgeable: the oracle neither allows nor forbids acting on it.
 */
export function claimOf(item: Json): Claim {
  const protocol = protocolOf(item.ipProtocol);
  const from = portOf(item.fromPort);
  const to = portOf(item.toPort);
  if (!protocol || from === 'bad' || to === 'bad') return 'unjudgeable';
  if (from !== undefined && to !== undefined && from > to && from !== -1) return 'unjudgeable';
  if (item.isEgress !== undefined && typeof item.isEgress !== 'boolean') return 'unjudgeable';
  const ref = item.referencedGroupInfo;
  const sources = {
    ...(item.cidrIpv4 === undefined ? {} : { CidrIpv4: item.cidrIpv4 }),
    ...(item.cidrIpv6 === undefined ? {} : { CidrIpv6: item.cidrIpv6 }),
    ...(item.prefixListId === undefined ? {} : { PrefixListId: item.prefixListId }),
    ...(ref === undefined ? {} : { ReferencedGroupInfo: ref }),
  };
  const values = Object.values(sources);
  if (values.length !== 1) return 'unjudgeable';
  if (ref !== undefined && !(isObject(ref) && typeof ref.groupId === 'string' && ref.groupId !== '')) {
    return 'unjudgeable';
  }
  if (ref === undefined && (typeof values[0] !== 'string' || values[0] === '')) return 'unjudgeable';
  return {
    IsEgress: item.isEgress === true,
    IpProtocol: protocol,
    ...(from === undefined ? {} : { FromPort: from }),
    ...(to === undefined ? {} : { ToPort: to }),
    ...(ref === undefined ? sources : { ReferencedGroupInfo: { GroupId: (ref as Json).groupId as string } }),
  } as OracleRule;
}

/** What the event's response rule set says about `ruleId` (nothing when it does not name it). */
export function claimsAbout(responseElements: unknown, ruleId: string): Claim[] {
  return objectsUnder(responseElements)
    .filter((o) => o.securityGroupRuleId === ruleId)
    .map(claimOf);
}

/** What the event's response rule set claims about the rules of `groupId` (the judgeable ones). */
export function claimsInGroup(responseElements: unknown, groupId: string): OracleRule[] {
  return objectsUnder(responseElements)
    .filter((o) => o.groupId === groupId && typeof o.securityGroupRuleId === 'string')
    .map(claimOf)
    .filter((claim): claim is OracleRule => claim !== 'unjudgeable');
}

/** The group the event's response rule set puts `ruleId` in, when it names one. */
export function claimsGroupOf(responseElements: unknown, ruleId: string): string | undefined {
  const item = objectsUnder(responseElements).find(
    (o) => o.securityGroupRuleId === ruleId && typeof o.groupId === 'string',
  );
  return item?.groupId as string | undefined;
}
