// Independent oracle for "what is world-open SSH" (docs/policy.md), written from the policy's words only.
// It shares no code with functions/ and uses no address library: the CIDR arithmetic below is
// deliberately plain BigInt so that a bug in the real evaluator (or in ipaddr.js) cannot hide here too.

export type Verdict = 'world-open' | 'review' | 'compliant' | 'not-applicable';
export type SourceVerdict = Exclude<Verdict, 'not-applicable'>;

/** A rule as EC2 DescribeSecurityGroupRules returns it (one source per rule). */
export interface OracleRule {
  SecurityGroupRuleId?: string;
  GroupId?: string;
  IsEgress?: boolean;
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  CidrIpv4?: string;
  CidrIpv6?: string;
  PrefixListId?: string;
  ReferencedGroupInfo?: { GroupId?: string };
}

export interface OraclePolicy {
  watchedPorts: number[];
  trustedCidrs: string[];
  worldPrefixV4: number;
  worldPrefixV6: number;
  eicPrefixListIds: string[];
  /** Customer-managed prefix list id -> entry CIDRs (v4 or v6). */
  prefixLists: Record<string, string[]>;
}

export type Family = 4 | 6;

/** A CIDR with host bits already masked away. */
export interface Cidr {
  family: Family;
  network: bigint;
  prefix: number;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

// ---------------------------------------------------------------------------------------------
// Address parsing

const DECIMAL_OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Strict dotted quad: four decimal octets 0-255, no leading zeros, nothing else. */
export function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!DECIMAL_OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256n + BigInt(octet);
  }
  return value;
}

/** Hex groups, at most one "::", optionally a dotted-quad tail standing for the last two groups. */
export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const head = halves[0] === '' ? [] : (halves[0] as string).split(':');
  const tail = !compressed || halves[1] === '' ? [] : (halves[1] as string).split(':');

  // Only the very last piece of the whole text may be a dotted quad.
  const pieces = compressed ? tail : head;
  const groups: { head: number[]; tail: number[] } = { head: [], tail: [] };
  const readPieces = (list: string[], into: number[], mayEndInIpv4: boolean): boolean => {
    for (let i = 0; i < list.length; i++) {
      const piece = list[i] as string;
      if (mayEndInIpv4 && i === list.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return false;
        into.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else {
        if (!HEX_GROUP.test(piece)) return false;
        into.push(Number.parseInt(piece, 16));
      }
    }
    return true;
  };
  if (!readPieces(head, groups.head, pieces === head)) return undefined;
  if (!readPieces(tail, groups.tail, pieces === tail)) return undefined;

  const count = groups.head.length + groups.tail.length;
  let all: number[];
  if (compressed) {
    if (count > 7) return undefined; // "::" stands for at least one zero group
    all = [...groups.head, ...new Array<number>(8 - count).fill(0), ...groups.tail];
  } else {
    if (count !== 8) return undefined;
    all = groups.head;
  }
  let value = 0n;
  for (const group of all) value = (value << 16n) + BigInt(group);
  return value;
}

const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

/** Parses "address/prefix" of the given family and masks the host bits away. Throws on bad input. */
export function parseCidr(text: string, family: Family): Cidr {
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) throw new Error(`not a CIDR: ${JSON.stringify(text)}`);
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const address = family === 4 ? parseIpv4(addressText) : parseIpv6(addressText);
  if (address === undefined || !PREFIX.test(prefixText)) {
    throw new Error(`not an IPv${family} CIDR: ${JSON.stringify(text)}`);
  }
  const prefix = Number(prefixText);
  if (prefix > BITS[family]) throw new Error(`prefix too long in ${JSON.stringify(text)}`);
  return { family, network: address & netmask(family, prefix), prefix };
}

/** Family by shape: anything with a colon is IPv6. Used for prefix-list entries and trusted CIDRs. */
export function parseAnyCidr(text: string): Cidr {
  return parseCidr(text, text.includes(':') ? 6 : 4);
}

function netmask(family: Family, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  const all = (1n << bits) - 1n;
  const host = (1n << (bits - BigInt(prefix))) - 1n;
  return all ^ host;
}

/** First and last address of a CIDR, inclusive. */
export function rangeOf(cidr: Cidr): { first: bigint; last: bigint } {
  const size = 1n << BigInt(BITS[cidr.family] - cidr.prefix);
  return { first: cidr.network, last: cidr.network + size - 1n };
}

/** True when every address of `inner` lies in the union of `cover` (same family only). */
export function isCoveredBy(inner: Cidr, cover: Cidr[]): boolean {
  const ranges = cover
    .filter((c) => c.family === inner.family)
    .map(rangeOf)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const { first, last } = rangeOf(inner);
  let next = first; // lowest address of `inner` not yet known to be covered
  for (const range of ranges) {
    if (next > last) break;
    if (range.first > next) return false; // a gap at `next`
    if (range.last + 1n > next) next = range.last + 1n;
  }
  return next > last;
}

// ---------------------------------------------------------------------------------------------
// Non-routable space (the policy: "compliant — but only when the whole range lies inside such space")

export const NON_ROUTABLE_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];

// Everything outside global unicast 2000::/3 (::/3, 4000::/2, 8000::/1 — this takes in ULA fc00::/7,
// link-local fe80::/10, multicast ff00::/8, ::/128, ::1, IPv4-mapped), plus documentation 2001:db8::/32.
export const NON_ROUTABLE_V6 = ['::/3', '4000::/2', '8000::/1', '2001:db8::/32'];

const NON_ROUTABLE: Cidr[] = [
  ...NON_ROUTABLE_V4.map((c) => parseCidr(c, 4)),
  ...NON_ROUTABLE_V6.map((c) => parseCidr(c, 6)),
];

// ---------------------------------------------------------------------------------------------
// Verdicts

const SEVERITY: Record<SourceVerdict, number> = { compliant: 0, review: 1, 'world-open': 2 };

export function worstOf(verdicts: SourceVerdict[]): SourceVerdict {
  let worst: SourceVerdict = 'compliant';
  for (const v of verdicts) if (SEVERITY[v] > SEVERITY[worst]) worst = v;
  return worst;
}

/**
 * A CIDR source: compliant when every address in it is non-routable (the union counts, so
 * 224.0.0.0/3 = multicast + reserved is compliant); otherwise world-open when the prefix is at most
 * the family's bound, whatever is trusted; otherwise compliant when non-routable and trusted ranges
 * together hold it, else review.
 */
export function classifyCidr(cidr: Cidr, policy: OraclePolicy): SourceVerdict {
  if (isCoveredBy(cidr, NON_ROUTABLE)) return 'compliant';
  const bound = cidr.family === 4 ? policy.worldPrefixV4 : policy.worldPrefixV6;
  if (cidr.prefix <= bound) return 'world-open';
  const trusted = policy.trustedCidrs.map(parseAnyCidr);
  return isCoveredBy(cidr, [...NON_ROUTABLE, ...trusted]) ? 'compliant' : 'review';
}

function isTcpOrAll(protocol: string | undefined): boolean {
  if (protocol === undefined) return false;
  const p = protocol.toLowerCase();
  return p === 'tcp' || p === '6' || p === '-1';
}

/** Inclusive port range the rule opens; protocol "-1", -1 ports and absent ports all mean 0-65535. */
export function portRangeOf(rule: OracleRule): { from: number; to: number } {
  const all = { from: 0, to: 65535 };
  if (rule.IpProtocol === '-1') return all;
  const { FromPort: from, ToPort: to } = rule;
  if (from === undefined || to === undefined || from === -1 || to === -1) return all;
  return { from, to };
}

function countSources(rule: OracleRule): number {
  return [rule.CidrIpv4, rule.CidrIpv6, rule.PrefixListId, rule.ReferencedGroupInfo].filter(
    (s) => s !== undefined,
  ).length;
}

/** The policy's verdict for one ingress or egress rule. Throws when the rule has not exactly one source. */
export function oracleVerdict(rule: OracleRule, policy: OraclePolicy): Verdict {
  if (rule.IsEgress === true) return 'not-applicable';
  if (!isTcpOrAll(rule.IpProtocol)) return 'not-applicable';
  const { from, to } = portRangeOf(rule);
  if (!policy.watchedPorts.some((port) => from <= port && port <= to)) return 'not-applicable';

  if (countSources(rule) !== 1) throw new Error(`rule must have exactly one source: ${JSON.stringify(rule)}`);
  if (rule.ReferencedGroupInfo !== undefined) return 'compliant';
  if (rule.CidrIpv4 !== undefined) return classifyCidr(parseCidr(rule.CidrIpv4, 4), policy);
  if (rule.CidrIpv6 !== undefined) return classifyCidr(parseCidr(rule.CidrIpv6, 6), policy);

  const listId = rule.PrefixListId as string;
  if (policy.eicPrefixListIds.includes(listId)) return 'compliant';
  // An unknown list cannot be looked inside: never silently compliant.
  if (!Object.hasOwn(policy.prefixLists, listId)) return 'review';
  const entries = policy.prefixLists[listId] as string[];
  return worstOf(entries.map((entry) => classifyCidr(parseAnyCidr(entry), policy)));
}

// ---------------------------------------------------------------------------------------------
// Aggregate exposure (the policy: a group whose untrusted public SSH sources together cover at least
// as many addresses as the world bound is world-open, counted per watched port and family, overlaps once)

/** The public-but-not-world ranges one rule admits: its CIDR, or its prefix list's such entries. */
function publicRangesOf(rule: OracleRule, policy: OraclePolicy): Cidr[] {
  const texts =
    rule.PrefixListId !== undefined
      ? policy.eicPrefixListIds.includes(rule.PrefixListId)
        ? []
        : (policy.prefixLists[rule.PrefixListId] ?? [])
      : [rule.CidrIpv4, rule.CidrIpv6].filter((c): c is string => c !== undefined);
  return texts.map(parseAnyCidr).filter((cidr) => classifyCidr(cidr, policy) === 'review');
}

/** How many addresses of `family` the rules' untrusted public sources admit on `port`, overlaps once. */
export function publicSshUnion(
  rules: OracleRule[],
  port: number,
  family: Family,
  policy: OraclePolicy,
): bigint {
  const ranges = rules
    .filter((r) => oracleVerdict(r, policy) === 'review')
    .filter((r) => {
      const { from, to } = portRangeOf(r);
      return from <= port && port <= to;
    })
    .flatMap((r) => publicRangesOf(r, policy))
    .filter((c) => c.family === family)
    .map(rangeOf)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let total = 0n;
  let next = 0n; // the first address not counted yet
  for (const { first, last } of ranges) {
    const from = first > next ? first : next;
    if (last >= from) total += last - from + 1n;
    if (last + 1n > next) next = last + 1n;
  }
  return total;
}

/** True when some watched port's untrusted public sources, in one family, reach the world bound. */
export function isAggregateWorldOpen(rules: OracleRule[], policy: OraclePolicy): boolean {
  const bound = (family: Family) =>
    1n << BigInt(BITS[family] - (family === 4 ? policy.worldPrefixV4 : policy.worldPrefixV6));
  return policy.watchedPorts.some((port) =>
    ([4, 6] as const).some((family) => publicSshUnion(rules, port, family, policy) >= bound(family)),
  );
}
