import { describe, expect, it } from 'vitest';
import type { PortRange, Protocol, Rule } from '../../../functions/core/model/rule.js';
import { ALL_PORTS } from '../../../functions/core/model/rule.js';
import { evaluateRule } from '../../../functions/core/policy/evaluate.js';
import { cidr, contextOf, EIC_LIST, policyOf, ruleOf } from '../../support/policy.js';

const CUSTOMER_LIST = {
  id: 'pl-0c0ffee0c0ffee001',
  name: 'office-ranges',
  ownerId: '123456789012',
  entries: ['10.0.0.0/8'],
};
const WORLD_LIST = {
  id: 'pl-0c0ffee0c0ffee002',
  name: 'partners',
  ownerId: '123456789012',
  entries: ['10.0.0.0/8', '0.0.0.0/0'],
};
const PUBLIC_LIST = {
  id: 'pl-0c0ffee0c0ffee003',
  name: 'vendor',
  ownerId: '123456789012',
  entries: ['52.94.76.0/24'],
};
const EMPTY_LIST = { id: 'pl-0c0ffee0c0ffee004', name: 'empty', ownerId: '123456789012', entries: [] };
const lists = [CUSTOMER_LIST, WORLD_LIST, PUBLIC_LIST, EMPTY_LIST];

const tcp = (from: number, to = from): { protocol: Protocol; ports: PortRange } => ({
  protocol: 'tcp',
  ports: { from, to },
});

describe('the SSH policy', () => {
  it.each<[string, Partial<Rule>, string]>([
    ['tcp/22 from 0.0.0.0/0', {}, 'world-open'],
    ['tcp/22 from ::/0', { source: cidr('::/0') }, 'world-open'],
    ['22 inside tcp 0-65535 from 0.0.0.0/0', tcp(0, 65535), 'world-open'],
    ['22 inside tcp 20-30', tcp(20, 30), 'world-open'],
    ['protocol all (-1) from 0.0.0.0/0', { protocol: 'all', ports: ALL_PORTS }, 'world-open'],
    ['protocol all from ::/0', { protocol: 'all', ports: ALL_PORTS, source: cidr('::/0') }, 'world-open'],
    ['0.0.0.0/1 (half the internet)', { source: cidr('0.0.0.0/1') }, 'world-open'],
    ['128.0.0.0/1 (contains private space, still world)', { source: cidr('128.0.0.0/1') }, 'world-open'],
    ['203.0.113.9/0 (host bits do not narrow it)', { source: cidr('203.0.113.9/0') }, 'world-open'],
    ['a public /8 at the default bound', { source: cidr('11.0.0.0/8') }, 'world-open'],
    ['2000::/3 (all global unicast)', { source: cidr('2000::/3') }, 'world-open'],
    ['a public IPv6 /32', { source: cidr('2600::/32') }, 'world-open'],
    ['a public /9 just past the bound', { source: cidr('11.0.0.0/9') }, 'review'],
    ['a public host', { source: cidr('52.94.76.10/32') }, 'review'],
    ['a public IPv6 /33', { source: cidr('2600::/33') }, 'review'],
    ['0.0.0.0/16 (inside 0.0.0.0/8)', { source: cidr('0.0.0.0/16') }, 'compliant'],
    ['RFC 1918 10.0.0.0/8', { source: cidr('10.0.0.0/8') }, 'compliant'],
    ['RFC 1918 172.16.0.0/12', { source: cidr('172.16.0.0/12') }, 'compliant'],
    ['RFC 1918 192.168.1.0/24', { source: cidr('192.168.1.0/24') }, 'compliant'],
    ['carrier-grade NAT 100.64.0.0/10', { source: cidr('100.64.0.0/10') }, 'compliant'],
    ['loopback', { source: cidr('127.0.0.1/32') }, 'compliant'],
    ['link-local', { source: cidr('169.254.0.0/16') }, 'compliant'],
    ['documentation 198.51.100.0/24', { source: cidr('198.51.100.0/24') }, 'compliant'],
    ['benchmark 198.18.0.0/15', { source: cidr('198.18.0.0/15') }, 'compliant'],
    [
      'multicast plus reserved 224.0.0.0/3 (covered by a union)',
      { source: cidr('224.0.0.0/3') },
      'compliant',
    ],
    ['IPv6 ULA fc00::/7', { source: cidr('fc00::/7') }, 'compliant'],
    ['IPv6 link-local fe80::/10', { source: cidr('fe80::/10') }, 'compliant'],
    ['IPv6 documentation 2001:db8::/32', { source: cidr('2001:db8::/32') }, 'compliant'],
    ['security group reference', { source: { kind: 'group', groupId: 'sg-0fedcba9876543210' } }, 'compliant'],
    [
      'EC2 Instance Connect prefix list',
      { source: { kind: 'prefix-list', prefixListId: EIC_LIST.id } },
      'compliant',
    ],
    [
      'customer prefix list of private ranges',
      { source: { kind: 'prefix-list', prefixListId: CUSTOMER_LIST.id } },
      'compliant',
    ],
    [
      'customer prefix list with a world entry',
      { source: { kind: 'prefix-list', prefixListId: WORLD_LIST.id } },
      'world-open',
    ],
    [
      'customer prefix list with a public entry',
      { source: { kind: 'prefix-list', prefixListId: PUBLIC_LIST.id } },
      'review',
    ],
    [
      'empty customer prefix list',
      { source: { kind: 'prefix-list', prefixListId: EMPTY_LIST.id } },
      'compliant',
    ],
    [
      'unreadable prefix list',
      { source: { kind: 'prefix-list', prefixListId: 'pl-0000000000000dead' } },
      'review',
    ],
    ['udp/22 from the world', { protocol: 'udp', ports: { from: 22, to: 22 } }, 'not-applicable'],
    ['icmp from the world', { protocol: 'icmp', ports: { from: 8, to: 0 } }, 'not-applicable'],
    ['protocol 47 (GRE)', { protocol: '47', ports: { from: -1, to: -1 } }, 'not-applicable'],
    ['tcp/443 from the world', tcp(443), 'not-applicable'],
    ['tcp 23-65535 (22 outside)', tcp(23, 65535), 'not-applicable'],
    ['egress tcp/22 to the world', { direction: 'egress' }, 'not-applicable'],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(evaluateRule(ruleOf(overrides), contextOf(policyOf(), lists)).verdict).toBe(expected);
  });

  it.each<[string, Partial<Rule>, string]>([
    ['inside a trusted /24', { source: cidr('198.18.0.0/24') }, 'compliant'],
    ['a trusted public /16', { source: cidr('52.94.0.0/16') }, 'compliant'],
    ['a host inside the trusted /16', { source: cidr('52.94.76.10/32') }, 'compliant'],
    ['two adjacent trusted /24s hold their /23', { source: cidr('81.2.68.0/23') }, 'compliant'],
    ['wider than the trusted range', { source: cidr('52.0.0.0/8') }, 'world-open'],
    ['trusted IPv6 /48', { source: cidr('2a05:d018:1::/48') }, 'compliant'],
  ])('trusted CIDRs: %s → %s', (_name, overrides, expected) => {
    const policy = policyOf({
      trusted: ['52.94.0.0/16', '81.2.68.0/24', '81.2.69.0/24', '2a05:d018:1::/48'],
    });
    expect(evaluateRule(ruleOf(overrides), contextOf(policy)).verdict).toBe(expected);
  });

  // Configuration refuses trusted ranges that reach the world bound together, but private space may
  // complete them: 172.0.0.0/8 is 172.16.0.0/12 (private) and fifteen sixteenths trusted here.
  it.each([
    ['the world-sized whole they and private space make', '172.0.0.0/8', 'world-open'],
    ['a part inside one trusted range', '172.128.0.0/9', 'compliant'],
    ['a part made of trusted and private space', '172.0.0.0/10', 'compliant'],
  ])(
    'trusted and private ranges together never make a world-sized source compliant: %s',
    (_n, source, expected) => {
      const policy = policyOf({
        trusted: ['172.0.0.0/12', '172.32.0.0/11', '172.64.0.0/10', '172.128.0.0/9'],
      });
      expect(evaluateRule(ruleOf({ source: cidr(source) }), contextOf(policy)).verdict).toBe(expected);
    },
  );

  it.each<[number[], Partial<Rule>, string]>([
    [[22, 2222], tcp(2222), 'world-open'],
    [[2222], tcp(22), 'not-applicable'],
    [[22, 3389], { protocol: 'all', ports: ALL_PORTS }, 'world-open'],
    [[3389], tcp(3000, 4000), 'world-open'],
  ])('watched ports %j: %j → %s', (watchedPorts, overrides, expected) => {
    expect(evaluateRule(ruleOf(overrides), contextOf(policyOf({ watchedPorts }))).verdict).toBe(expected);
  });

  it.each<[{ 4: number; 6: number }, string, string]>([
    [{ 4: 16, 6: 32 }, '11.0.0.0/16', 'world-open'],
    [{ 4: 16, 6: 32 }, '11.0.0.0/17', 'review'],
    [{ 4: 0, 6: 0 }, '11.0.0.0/1', 'review'],
    [{ 4: 0, 6: 0 }, '0.0.0.0/0', 'world-open'],
    [{ 4: 8, 6: 48 }, '2600:1f18::/48', 'world-open'],
  ])('world bounds %j: %s → %s', (worldPrefix, source, expected) => {
    expect(evaluateRule(ruleOf({ source: cidr(source) }), contextOf(policyOf({ worldPrefix }))).verdict).toBe(
      expected,
    );
  });

  it('remediates world-open rules and leaves review findings alone unless configured', () => {
    const review = ruleOf({ source: cidr('52.94.76.10/32') });
    expect(evaluateRule(ruleOf(), contextOf()).remediate).toBe(true);
    expect(evaluateRule(review, contextOf()).remediate).toBe(false);
    expect(evaluateRule(review, contextOf(policyOf({ remediatePublicSources: true }))).remediate).toBe(true);
  });

  it('never remediates a source it could not read, even when public sources are remediated', () => {
    const rule = ruleOf({ source: { kind: 'prefix-list', prefixListId: 'pl-0000000000000dead' } });
    const evaluation = evaluateRule(rule, contextOf(policyOf({ remediatePublicSources: true })));
    expect(evaluation).toMatchObject({ verdict: 'review', remediate: false });
  });

  it('does not trust a prefix list that merely has the EIC name without AWS ownership', () => {
    const fake = {
      ...EIC_LIST,
      id: 'pl-0fa4e0000000000001',
      ownerId: '123456789012',
      entries: ['0.0.0.0/0'],
    };
    const rule = ruleOf({ source: { kind: 'prefix-list', prefixListId: fake.id } });
    expect(evaluateRule(rule, contextOf(policyOf(), [fake])).verdict).toBe('world-open');
  });
});

describe('exemptions', () => {
  const groupId = 'sg-0a1b2c3d4e5f60001';
  it.each<[string, object, string | undefined, boolean]>([
    ['an active group exemption', { groupId, reason: 'bastion', expires: '2026-12-31' }, 'active', false],
    [
      'an exemption that expired yesterday',
      { groupId, reason: 'bastion', expires: '2026-11-20' },
      'expired',
      true,
    ],
    [
      'an exemption expiring today still applies',
      { groupId, reason: 'bastion', expires: '2026-11-21' },
      'active',
      false,
    ],
    [
      'an exemption for another group',
      { groupId: 'sg-0ffffffffffffffff', reason: 'x', expires: '2026-12-31' },
      undefined,
      true,
    ],
    [
      'a CIDR exemption that covers the source',
      { groupId, cidr: '0.0.0.0/0', reason: 'x', expires: '2026-12-31' },
      'active',
      false,
    ],
    [
      'a CIDR exemption narrower than the source',
      { groupId, cidr: '52.0.0.0/8', reason: 'x', expires: '2026-12-31' },
      undefined,
      true,
    ],
  ])('%s', (_name, exemption, status, remediate) => {
    const policy = policyOf({ exemptions: [exemption as never] });
    const evaluation = evaluateRule(ruleOf(), contextOf(policy));
    expect(evaluation.verdict).toBe('world-open');
    expect(evaluation.exemption?.status).toBe(status);
    expect(evaluation.remediate).toBe(remediate);
  });
});
