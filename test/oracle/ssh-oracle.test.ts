import { BlockList, isIPv4, isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ArbRule,
  arbCidrV4,
  arbCidrV6,
  arbPolicy,
  arbRule,
  formatIpv4,
  formatIpv6,
  formatIpv6Variant,
} from './arbitraries.js';
import {
  type Cidr,
  isAggregateWorldOpen,
  type OraclePolicy,
  type OracleRule,
  oracleVerdict,
  parseCidr,
  parseIpv4,
  parseIpv6,
  publicSshUnion,
  rangeOf,
  type Verdict,
} from './ssh-oracle.js';

const policy: OraclePolicy = {
  watchedPorts: [22],
  trustedCidrs: ['52.94.76.0/22', '2a05:d018:1234::/48'],
  worldPrefixV4: 8,
  worldPrefixV6: 32,
  eicPrefixListIds: ['pl-0eic00000000000'],
  prefixLists: {
    'pl-private': ['10.0.0.0/8', '192.168.0.0/16', 'fd00::/8'],
    'pl-mixed': ['10.0.0.0/8', '8.8.8.8/32'],
    'pl-world': ['10.0.0.0/8', '8.8.8.8/32', '0.0.0.0/0'],
    'pl-world-v6': ['2001:db8::/32', '::/0'],
    'pl-trusted': ['52.94.77.0/24'],
    'pl-empty': [],
  },
};

const ssh = { IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22 };

const cases: [string, OracleRule, Verdict, Partial<OraclePolicy>?][] = [
  // protocol and ports
  ['tcp/22 from 0.0.0.0/0', { ...ssh, CidrIpv4: '0.0.0.0/0' }, 'world-open'],
  ['tcp/22 from ::/0', { ...ssh, CidrIpv6: '::/0' }, 'world-open'],
  ['22 inside 0-65535', { ...ssh, FromPort: 0, ToPort: 65535, CidrIpv4: '0.0.0.0/0' }, 'world-open'],
  ['protocol -1 without ports', { IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' }, 'world-open'],
  [
    'protocol -1 with -1 ports',
    { IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIpv6: '::/0' },
    'world-open',
  ],
  ['protocol "6" is tcp', { ...ssh, IpProtocol: '6', CidrIpv4: '0.0.0.0/0' }, 'world-open'],
  ['protocol "TCP" is tcp', { ...ssh, IpProtocol: 'TCP', CidrIpv4: '0.0.0.0/0' }, 'world-open'],
  ['tcp without ports is all ports', { IpProtocol: 'tcp', CidrIpv4: '0.0.0.0/0' }, 'world-open'],
  ['udp/22 is not applicable', { ...ssh, IpProtocol: 'udp', CidrIpv4: '0.0.0.0/0' }, 'not-applicable'],
  ['protocol 17 is not applicable', { ...ssh, IpProtocol: '17', CidrIpv4: '0.0.0.0/0' }, 'not-applicable'],
  ['icmp type 22 is not applicable', { ...ssh, IpProtocol: 'icmp', CidrIpv4: '0.0.0.0/0' }, 'not-applicable'],
  ['egress is not applicable', { ...ssh, IsEgress: true, CidrIpv4: '0.0.0.0/0' }, 'not-applicable'],
  ['tcp/80 is not applicable', { ...ssh, FromPort: 80, ToPort: 80, CidrIpv4: '0.0.0.0/0' }, 'not-applicable'],
  [
    'tcp/23-65535 misses 22',
    { ...ssh, FromPort: 23, ToPort: 65535, CidrIpv4: '0.0.0.0/0' },
    'not-applicable',
  ],
  ['tcp/0-21 misses 22', { ...ssh, FromPort: 0, ToPort: 21, CidrIpv4: '0.0.0.0/0' }, 'not-applicable'],
  [
    'tcp/2222 when 2222 is watched',
    { ...ssh, FromPort: 2222, ToPort: 2222, CidrIpv4: '0.0.0.0/0' },
    'world-open',
    { watchedPorts: [22, 2222] },
  ],
  // IPv4 sources
  ['0.0.0.0/16 lies inside 0.0.0.0/8', { ...ssh, CidrIpv4: '0.0.0.0/16' }, 'compliant'],
  ['128.0.0.0/1 contains private space but is world', { ...ssh, CidrIpv4: '128.0.0.0/1' }, 'world-open'],
  ['0.0.0.0/1 is world', { ...ssh, CidrIpv4: '0.0.0.0/1' }, 'world-open'],
  ['203.0.113.9/0 is the whole internet', { ...ssh, CidrIpv4: '203.0.113.9/0' }, 'world-open'],
  ['10.0.0.0/8 is private', { ...ssh, CidrIpv4: '10.0.0.0/8' }, 'compliant'],
  ['100.64.0.0/10 is shared address space', { ...ssh, CidrIpv4: '100.64.0.0/10' }, 'compliant'],
  ['100.0.0.0/8 is only partly shared space', { ...ssh, CidrIpv4: '100.0.0.0/8' }, 'world-open'],
  ['8.8.8.8/32 is a review', { ...ssh, CidrIpv4: '8.8.8.8/32' }, 'review'],
  ['11.0.0.0/8 is world at the /8 bound', { ...ssh, CidrIpv4: '11.0.0.0/8' }, 'world-open'],
  ['11.0.0.0/9 is past the /8 bound', { ...ssh, CidrIpv4: '11.0.0.0/9' }, 'review'],
  [
    '11.0.0.0/9 is world with a /9 bound',
    { ...ssh, CidrIpv4: '11.0.0.0/9' },
    'world-open',
    { worldPrefixV4: 9 },
  ],
  ['224.0.0.0/3 is multicast plus reserved', { ...ssh, CidrIpv4: '224.0.0.0/3' }, 'compliant'],
  ['192.0.2.0/24 is documentation', { ...ssh, CidrIpv4: '192.0.2.77/24' }, 'compliant'],
  // IPv6 sources
  ['2001:db8::/32 is documentation', { ...ssh, CidrIpv6: '2001:db8::/32' }, 'compliant'],
  ['2001:db8::/31 reaches 2001:db9::', { ...ssh, CidrIpv6: '2001:db8::/31' }, 'world-open'],
  ['fc00::/7 is unique local', { ...ssh, CidrIpv6: 'fc00::/7' }, 'compliant'],
  ['fe80::/10 is link local', { ...ssh, CidrIpv6: 'fe80::/10' }, 'compliant'],
  // The spec's literal rule "anything outside 2000::/3" also takes in IPv4-mapped addresses.
  ['::ffff:8.8.8.8/128 lies outside 2000::/3', { ...ssh, CidrIpv6: '::ffff:8.8.8.8/128' }, 'compliant'],
  ['2000::/3 is all global unicast', { ...ssh, CidrIpv6: '2000::/3' }, 'world-open'],
  ['2600::/32 is world at the /32 bound', { ...ssh, CidrIpv6: '2600::/32' }, 'world-open'],
  ['2600::/33 is past the /32 bound', { ...ssh, CidrIpv6: '2600::/33' }, 'review'],
  ['2600::1/0 is ::/0', { ...ssh, CidrIpv6: '2600::1/0' }, 'world-open'],
  // trusted
  ['inside a trusted /22', { ...ssh, CidrIpv4: '52.94.77.0/24' }, 'compliant'],
  ['a trusted /22 itself', { ...ssh, CidrIpv4: '52.94.76.0/22' }, 'compliant'],
  ['wider than the trusted /22', { ...ssh, CidrIpv4: '52.94.72.0/21' }, 'review'],
  ['inside a trusted IPv6 /48', { ...ssh, CidrIpv6: '2a05:d018:1234:5::/64' }, 'compliant'],
  // references and prefix lists
  ['security-group reference', { ...ssh, ReferencedGroupInfo: { GroupId: 'sg-0abc' } }, 'compliant'],
  ['EC2 Instance Connect prefix list', { ...ssh, PrefixListId: 'pl-0eic00000000000' }, 'compliant'],
  ['prefix list of private entries', { ...ssh, PrefixListId: 'pl-private' }, 'compliant'],
  ['prefix list with one public /32', { ...ssh, PrefixListId: 'pl-mixed' }, 'review'],
  ['prefix list with 0.0.0.0/0', { ...ssh, PrefixListId: 'pl-world' }, 'world-open'],
  ['prefix list with ::/0', { ...ssh, PrefixListId: 'pl-world-v6' }, 'world-open'],
  ['prefix list of trusted entries', { ...ssh, PrefixListId: 'pl-trusted' }, 'compliant'],
  ['empty prefix list', { ...ssh, PrefixListId: 'pl-empty' }, 'compliant'],
  ['unknown prefix list', { ...ssh, PrefixListId: 'pl-0123456789' }, 'review'],
  ['prefix list on udp', { ...ssh, IpProtocol: 'udp', PrefixListId: 'pl-world' }, 'not-applicable'],
];

describe('oracleVerdict', () => {
  it.each(cases)('%s', (_name, rule, expected, override) => {
    expect(oracleVerdict(rule, { ...policy, ...override })).toBe(expected);
  });

  it('throws on a rule with two sources or none', () => {
    expect(() => oracleVerdict({ ...ssh, CidrIpv4: '0.0.0.0/0', CidrIpv6: '::/0' }, policy)).toThrow();
    expect(() => oracleVerdict({ ...ssh }, policy)).toThrow();
  });

  it.each(['0.0.0.0', '1.2.3.4/33', '01.2.3.4/8', '1.2.3/8', '256.0.0.0/8', '1.2.3.4/08', ' 1.2.3.4/8'])(
    'rejects the IPv4 CIDR %j',
    (cidr) => {
      expect(() => oracleVerdict({ ...ssh, CidrIpv4: cidr }, policy)).toThrow();
    },
  );
});

describe('CIDR parsing', () => {
  it.each([
    ['::', 0n],
    ['::1', 1n],
    ['1::', 1n << 112n],
    ['1:2:3:4:5:6:7:8', 0x00010002000300040005000600070008n],
    ['1:2:3:4:5:6:7::', 0x00010002000300040005000600070000n],
    ['::2:3:4:5:6:7:8', 0x00000002000300040005000600070008n],
    ['::ffff:1.2.3.4', 0xffff01020304n],
    ['1:2:3:4:5:6:1.2.3.4', 0x00010002000300040005000601020304n],
    ['2001:DB8::A', (0x20010db8n << 96n) | 0xan],
  ])('reads %s', (text, value) => {
    expect(parseIpv6(text)).toBe(value);
  });

  it.each([
    '',
    ':',
    ':::',
    '1:::2',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '12345::',
    ':1::',
    '1::2:',
    '1.2.3.4::',
    '::1.2.3.4:5',
    '::1.2.3.256',
    'fe80::1%eth0',
  ])('rejects %j', (text) => {
    expect(parseIpv6(text)).toBeUndefined();
  });

  it('round-trips every IPv4 and IPv6 form the arbitraries write', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), (v) => parseIpv4(formatIpv4(v)) === v),
    );
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
        fc.constantFrom('canonical', 'full', 'upper', 'v4-tail' as const),
        (v, variant) => parseIpv6(formatIpv6Variant(v, variant)) === v,
      ),
    );
  });

  it('agrees with node:net on which strings are addresses', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:.'.split(''), ':', ':', '.');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 40 }), (text) => {
        expect(parseIpv4(text) !== undefined).toBe(isIPv4(text));
        expect(parseIpv6(text) !== undefined).toBe(isIPv6(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with node:net BlockList on CIDR membership', () => {
    const check = (family: 4 | 6, cidrText: string, address: bigint) => {
      const cidr = parseCidr(cidrText, family);
      const list = new BlockList();
      const format = family === 4 ? formatIpv4 : formatIpv6;
      list.addSubnet(format(cidr.network), cidr.prefix, family === 4 ? 'ipv4' : 'ipv6');
      const { first, last } = rangeOf(cidr);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      expect(first <= address && address <= last).toBe(list.check(format(address), type));
    };
    fc.assert(
      fc.property(arbCidrV4, fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), (c, a) => check(4, c, a)),
    );
    // Draw the address near the CIDR half the time, so that "inside" is exercised too.
    fc.assert(
      fc.property(arbCidrV6, fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.boolean(), (c, a, near) => {
        const network = parseCidr(c, 6).network;
        check(6, c, near ? network ^ (a & 0xffffffffn) : a);
      }),
    );
  });
});

const SEVERITY: Record<Verdict, number> = { 'not-applicable': -1, compliant: 0, review: 1, 'world-open': 2 };

function cidrOf(rule: ArbRule): { family: 4 | 6; text: string } | undefined {
  if (rule.CidrIpv4 !== undefined) return { family: 4, text: rule.CidrIpv4 };
  if (rule.CidrIpv6 !== undefined) return { family: 6, text: rule.CidrIpv6 };
  return undefined;
}

function withCidr(rule: ArbRule, family: 4 | 6, cidr: Cidr | { address: bigint; prefix: number }): ArbRule {
  const address = 'address' in cidr ? cidr.address : cidr.network;
  const text = `${family === 4 ? formatIpv4(address) : formatIpv6(address)}/${cidr.prefix}`;
  return family === 4 ? { ...rule, CidrIpv4: text } : { ...rule, CidrIpv6: text };
}

describe('oracle properties', () => {
  it('gives every generated rule a verdict', () => {
    fc.assert(
      fc.property(arbRule, arbPolicy, (rule, p) => {
        expect(['world-open', 'review', 'compliant', 'not-applicable']).toContain(oracleVerdict(rule, p));
      }),
      { numRuns: 2000 },
    );
  });

  it('does not depend on host bits', () => {
    fc.assert(
      fc.property(arbRule, arbPolicy, fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (rule, p, noise) => {
        const source = cidrOf(rule);
        fc.pre(source !== undefined);
        if (source === undefined) return;
        const cidr = parseCidr(source.text, source.family);
        const hostMask = (1n << BigInt((source.family === 4 ? 32 : 128) - cidr.prefix)) - 1n;
        const noisy = withCidr(rule, source.family, {
          address: cidr.network | (noise & hostMask),
          prefix: cidr.prefix,
        });
        const clean = withCidr(rule, source.family, cidr);
        expect(oracleVerdict(noisy, p)).toBe(oracleVerdict(clean, p));
        expect(oracleVerdict(rule, p)).toBe(oracleVerdict(clean, p));
      }),
      { numRuns: 1000 },
    );
  });

  it('never rates a subnet worse than its supernet', () => {
    fc.assert(
      fc.property(
        arbRule,
        arbPolicy,
        fc.nat({ max: 128 }),
        fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }),
        (rule, p, extra, noise) => {
          const source = cidrOf(rule);
          fc.pre(source !== undefined);
          if (source === undefined) return;
          const cidr = parseCidr(source.text, source.family);
          const bits = source.family === 4 ? 32 : 128;
          const prefix = cidr.prefix + (extra % (bits - cidr.prefix + 1));
          const hostMask = (1n << BigInt(bits - cidr.prefix)) - 1n;
          const sub = withCidr(rule, source.family, { address: cidr.network | (noise & hostMask), prefix });
          expect(SEVERITY[oracleVerdict(sub, p)]).toBeLessThanOrEqual(SEVERITY[oracleVerdict(rule, p)]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('treats tcp, 6 and TCP alike', () => {
    fc.assert(
      fc.property(arbRule, arbPolicy, (rule, p) => {
        fc.pre(['tcp', '6', 'TCP'].includes(rule.IpProtocol));
        const verdicts = ['tcp', '6', 'TCP'].map((proto) => oracleVerdict({ ...rule, IpProtocol: proto }, p));
        expect(new Set(verdicts).size).toBe(1);
      }),
    );
  });

  it('rates a one-entry prefix list like the entry itself', () => {
    fc.assert(
      fc.property(arbRule, arbPolicy, (rule, p) => {
        const source = cidrOf(rule);
        fc.pre(source !== undefined);
        if (source === undefined) return;
        const { CidrIpv4: _v4, CidrIpv6: _v6, ...rest } = rule;
        const listed = { ...rest, PrefixListId: 'pl-0single' };
        const withList = { ...p, prefixLists: { ...p.prefixLists, 'pl-0single': [source.text] } };
        expect(oracleVerdict(listed, withList)).toBe(oracleVerdict(rule, p));
      }),
    );
  });
});

describe('the oracle’s aggregate exposure', () => {
  const ssh = (source: Partial<OracleRule>, ports: [number, number] = [22, 22]): OracleRule => ({
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: ports[0],
    ToPort: ports[1],
    ...source,
  });
  const v4 = (cidr: string, ports?: [number, number]) => ssh({ CidrIpv4: cidr }, ports);
  const withList: OraclePolicy = { ...policy, prefixLists: { 'pl-halves': ['11.0.0.0/9', '11.128.0.0/9'] } };

  it.each<[string, OracleRule[], boolean]>([
    ['two public halves of a /8', [v4('11.0.0.0/9'), v4('11.128.0.0/9')], true],
    ['one public half', [v4('11.0.0.0/9')], false],
    ['the same half twice (a union, not a sum)', [v4('11.0.0.0/9'), v4('11.0.0.0/9', [0, 65535])], false],
    ['halves on different ports', [v4('11.0.0.0/9'), v4('11.128.0.0/9', [2222, 2222])], false],
    ['a half beside a trusted range', [v4('11.0.0.0/9'), v4('52.94.76.0/22')], false],
    ['a half beside a world-open rule (counted on its own)', [v4('11.0.0.0/9'), v4('0.0.0.0/0')], false],
    [
      'two public IPv6 halves of a /32',
      [ssh({ CidrIpv6: '2600::/33' }), ssh({ CidrIpv6: '2600:0:8000::/33' })],
      true,
    ],
    ['a prefix list whose public entries make a /8', [ssh({ PrefixListId: 'pl-halves' })], true],
  ])('%s: %s', (_name, rules, expected) => {
    expect(isAggregateWorldOpen(rules, withList)).toBe(expected);
  });

  it('counts the addresses once per port and family', () => {
    const rules = [v4('11.0.0.0/9'), v4('11.0.0.0/10'), v4('13.0.0.0/16')];
    expect(publicSshUnion(rules, 22, 4, policy)).toBe((1n << 23n) + (1n << 16n));
    expect(publicSshUnion(rules, 22, 6, policy)).toBe(0n);
    expect(publicSshUnion(rules, 443, 4, policy)).toBe(0n);
  });
});
