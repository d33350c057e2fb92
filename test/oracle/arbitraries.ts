// fast-check arbitraries for DescribeSecurityGroupRules-shaped rules and policies, biased towards
// the values where world-open / review / compliant decisions flip. Every rule is AWS-valid in shape:
// a syntactically valid CIDR and exactly one source. Formatting is done here, independently of the
// oracle's parser, so the parser is exercised rather than mirrored.
import fc from 'fast-check';

export interface ArbRule {
  SecurityGroupRuleId: string;
  GroupId: string;
  IsEgress: boolean;
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  CidrIpv4?: string;
  CidrIpv6?: string;
  PrefixListId?: string;
  ReferencedGroupInfo?: { GroupId: string };
}

export interface ArbPolicy {
  watchedPorts: number[];
  trustedCidrs: string[];
  worldPrefixV4: number;
  worldPrefixV6: number;
  eicPrefixListIds: string[];
  prefixLists: Record<string, string[]>;
}

export const EIC_PREFIX_LIST_ID = 'pl-0eic00000000000';
/** Ids arbPolicy may define; arbRule also references UNKNOWN_PREFIX_LIST_ID, which is never defined. */
export const PREFIX_LIST_IDS = ['pl-0a1b2c3d', 'pl-1b2c3d4e', 'pl-2c3d4e5f', 'pl-3d4e5f6a'];
export const UNKNOWN_PREFIX_LIST_ID = 'pl-0ffffffff';

/**
 * Public ranges arbPolicy picks trusted CIDRs from (arbRule aims at them, inside and around).
 * 81.2.68.0/24 and 81.2.69.0/24 are adjacent on purpose: together they cover 81.2.68.0/23.
 */
export const TRUSTED_POOL_V4 = [
  '3.120.0.0/16',
  '18.202.216.0/21',
  '52.94.76.0/22',
  '81.2.68.0/24',
  '81.2.69.0/24',
  '145.40.64.0/18',
];

// ---------------------------------------------------------------------------------------------
// Formatting

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;

export function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function groupsOf(value: bigint): number[] {
  return Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
}

/** RFC 5952 canonical text: lowercase, no leading zeros, longest run (>= 2) of zero groups as "::". */
export function formatIpv6(value: bigint): string {
  const groups = groupsOf(value);
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Valid but non-canonical forms: full zero-padded groups, upper case, or a dotted-quad tail. */
export function formatIpv6Variant(
  value: bigint,
  variant: 'canonical' | 'full' | 'upper' | 'v4-tail',
): string {
  if (variant === 'canonical') return formatIpv6(value);
  if (variant === 'upper') return formatIpv6(value).toUpperCase();
  const groups = groupsOf(value).map((g) => g.toString(16).padStart(4, '0'));
  if (variant === 'full') return groups.join(':');
  return `${groups.slice(0, 6).join(':')}:${formatIpv4(value & V4_MAX)}`;
}

// ---------------------------------------------------------------------------------------------
// CIDRs

const arbBigInt = (max: bigint) => fc.bigInt({ min: 0n, max });

/** Any address, any prefix length, host bits left random. */
const arbRandomCidrV4 = fc
  .tuple(arbBigInt(V4_MAX), fc.integer({ min: 0, max: 32 }))
  .map(([a, p]) => `${formatIpv4(a)}/${p}`);

/** An address inside `cidr` (host bits random) written with prefix `prefix`. */
function inside(cidr: string, prefix: fc.Arbitrary<number>): fc.Arbitrary<string> {
  const [addr, len] = cidr.split('/') as [string, string];
  const [a, b, c, d] = addr.split('.').map(BigInt) as [bigint, bigint, bigint, bigint];
  const base = (a << 24n) | (b << 16n) | (c << 8n) | d;
  const hostBits = 32n - BigInt(len);
  return fc
    .tuple(arbBigInt((1n << hostBits) - 1n), prefix)
    .map(([host, p]) => `${formatIpv4(base | host)}/${p}`);
}

const arbCidrV4: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0.0.0.0/0',
      '0.0.0.0/1',
      '128.0.0.0/1',
      '203.0.113.9/0',
      '0.0.0.0/16',
      '0.0.0.0/8',
      '0.0.0.0/7',
      '10.0.0.0/8',
      '10.0.0.0/7',
      '11.0.0.0/8',
      '11.0.0.0/9',
      '100.64.0.0/10',
      '100.0.0.0/8',
      '172.16.0.0/12',
      '172.16.0.0/11',
      '192.168.1.0/24',
      '8.8.8.8/32',
      '224.0.0.0/3',
      '224.0.0.0/4',
      '255.255.255.255/32',
      '81.2.68.0/23',
      '81.2.68.0/22',
    ),
  },
  // /8s and around the default bound
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 6, max: 10 }))
      .map(([o, p]) => `${o}.0.0.0/${p}`),
  },
  // inside and around private / reserved space
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16')
      .chain((c) => inside(c, fc.integer({ min: 4, max: 32 }))),
  },
  // inside and around trusted candidates
  {
    weight: 3,
    arbitrary: fc.constantFrom(...TRUSTED_POOL_V4).chain((c) => inside(c, fc.integer({ min: 12, max: 32 }))),
  },
  { weight: 4, arbitrary: arbRandomCidrV4 },
);

const arbVariant = fc.constantFrom(
  'canonical',
  'canonical',
  'canonical',
  'full',
  'upper',
  'v4-tail',
) as fc.Arbitrary<'canonical' | 'full' | 'upper' | 'v4-tail'>;

const arbRandomCidrV6 = fc
  .tuple(arbBigInt(V6_MAX), fc.integer({ min: 0, max: 128 }), arbVariant)
  .map(([a, p, v]) => `${formatIpv6Variant(a, v)}/${p}`);

/** Top bits fixed by `top` (a value in the first `topBits` bits), the rest random. */
function v6Under(top: bigint, topBits: number, prefix: fc.Arbitrary<number>): fc.Arbitrary<string> {
  const rest = 128n - BigInt(topBits);
  return fc
    .tuple(arbBigInt((1n << rest) - 1n), prefix, arbVariant)
    .map(([low, p, v]) => `${formatIpv6Variant((top << rest) | low, v)}/${p}`);
}

const arbCidrV6: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '::/0',
      '::/1',
      '8000::/1',
      '2000::/3',
      '2000::/2',
      '2000::/4',
      '2600::/32',
      '2600::/33',
      '2600::1/0',
      '2001:db8::/32',
      '2001:db8::/31',
      '2001:db8:1::/48',
      'fc00::/7',
      'fe80::/10',
      '::1/128',
      '::ffff:0.0.0.0/96',
      '::ffff:8.8.8.8/128',
      '2a05:d018:1234::/48',
    ),
  },
  // global unicast around the default /32 bound
  { weight: 3, arbitrary: v6Under(1n, 3, fc.integer({ min: 0, max: 64 })) },
  { weight: 2, arbitrary: v6Under(0x20010db8n, 32, fc.integer({ min: 24, max: 128 })) },
  { weight: 3, arbitrary: arbRandomCidrV6 },
);

/** CIDRs of either family, for prefix-list entries. */
export const arbAnyCidr = fc.oneof({ weight: 3, arbitrary: arbCidrV4 }, { weight: 1, arbitrary: arbCidrV6 });
export { arbCidrV4, arbCidrV6 };

// ---------------------------------------------------------------------------------------------
// Rules

type Source = Pick<ArbRule, 'CidrIpv4' | 'CidrIpv6' | 'PrefixListId' | 'ReferencedGroupInfo'>;

const arbSgId = fc.stringMatching(/^[0-9a-f]{17}$/).map((h) => `sg-${h}`);

const arbSource: fc.Arbitrary<Source> = fc.oneof(
  { weight: 6, arbitrary: arbCidrV4.map((c) => ({ CidrIpv4: c })) },
  { weight: 3, arbitrary: arbCidrV6.map((c) => ({ CidrIpv6: c })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...PREFIX_LIST_IDS, EIC_PREFIX_LIST_ID, UNKNOWN_PREFIX_LIST_ID)
      .map((id) => ({ PrefixListId: id })),
  },
  { weight: 1, arbitrary: arbSgId.map((id) => ({ ReferencedGroupInfo: { GroupId: id } })) },
);

const arbPort = fc.oneof(
  fc.constantFrom(0, 21, 22, 23, 2222, 3389, 65535),
  fc.integer({ min: 0, max: 65535 }),
);

type Ports = Pick<ArbRule, 'FromPort' | 'ToPort'>;

const arbTcpPorts: fc.Arbitrary<Ports> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ FromPort: 22, ToPort: 22 }) },
  { weight: 2, arbitrary: fc.constant({ FromPort: 0, ToPort: 65535 }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.integer({ min: 15, max: 25 }), fc.integer({ min: 0, max: 10 }))
      .map(([from, width]) => ({ FromPort: from, ToPort: from + width })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(arbPort, arbPort)
      .map(([a, b]) => ({ FromPort: Math.min(a, b), ToPort: Math.max(a, b) })),
  },
  // Not what EC2 returns for tcp, but the oracle treats it as all ports (conservative).
  { weight: 1, arbitrary: fc.constant({}) },
);

const arbAllPorts: fc.Arbitrary<Ports> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ FromPort: -1, ToPort: -1 }) },
  { weight: 1, arbitrary: fc.constant({}) },
);

const arbIcmpPorts: fc.Arbitrary<Ports> = fc.oneof(
  fc.constant({ FromPort: -1, ToPort: -1 }),
  fc
    .tuple(fc.constantFrom(0, 3, 8, 22), fc.integer({ min: -1, max: 22 }))
    .map(([t, c]) => ({ FromPort: t, ToPort: c })),
);

const arbProtocolAndPorts: fc.Arbitrary<{ IpProtocol: string } & Ports> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom('tcp', 'tcp', '6', 'TCP'), arbTcpPorts)
      .map(([p, ports]) => ({ IpProtocol: p, ...ports })),
  },
  { weight: 3, arbitrary: arbAllPorts.map((ports) => ({ IpProtocol: '-1', ...ports })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('udp', '17'),
        arbTcpPorts.filter((p) => p.FromPort !== undefined),
      )
      .map(([p, ports]) => ({ IpProtocol: p, ...ports })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('icmp', '1', '58', 'icmpv6'), arbIcmpPorts)
      .map(([p, ports]) => ({ IpProtocol: p, ...ports })),
  },
);

export const arbRule: fc.Arbitrary<ArbRule> = fc
  .record({
    SecurityGroupRuleId: fc.stringMatching(/^[0-9a-f]{17}$/).map((h) => `sgr-${h}`),
    GroupId: arbSgId,
    IsEgress: fc.oneof(
      { weight: 5, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
    protocolAndPorts: arbProtocolAndPorts,
    source: arbSource,
  })
  .map(({ protocolAndPorts, source, ...rest }) => ({ ...rest, ...protocolAndPorts, ...source }));

// ---------------------------------------------------------------------------------------------
// Policies

const arbPrefixListEntries = fc.array(
  fc.oneof(
    fc.constantFrom('0.0.0.0/0', '::/0', '10.0.0.0/8', '192.168.0.0/24', 'fd00::/8', ...TRUSTED_POOL_V4),
    arbAnyCidr,
  ),
  { maxLength: 4 },
);

export const arbPolicy: fc.Arbitrary<ArbPolicy> = fc.record({
  watchedPorts: fc.constantFrom([22], [22, 2222], [22, 3389]),
  trustedCidrs: fc.subarray(TRUSTED_POOL_V4, { maxLength: 4 }),
  worldPrefixV4: fc.oneof(
    { weight: 3, arbitrary: fc.constant(8) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 16 }) },
  ),
  worldPrefixV6: fc.oneof(
    { weight: 3, arbitrary: fc.constant(32) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 48 }) },
  ),
  eicPrefixListIds: fc.constant([EIC_PREFIX_LIST_ID]),
  prefixLists: fc.dictionary(fc.constantFrom(...PREFIX_LIST_IDS), arbPrefixListEntries, { maxKeys: 4 }),
});
