import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCidr } from '../../functions/core/model/cidr.js';
import type { RequestedRule } from '../../functions/core/model/rule.js';
import type { RuleSelection } from '../../functions/core/model/selection.js';
import { parseAuthorize } from '../../functions/parse/authorize.js';
import { spelledCidr } from '../support/cidr-spellings.js';
import { cloudTrailEvent, loadEvent } from '../support/events.js';

function parsed(record: Record<string, unknown>): RuleSelection {
  const result = parseAuthorize(record);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function rulesOf(selection: RuleSelection): readonly RequestedRule[] {
  if (selection.kind !== 'rules' && selection.kind !== 'match')
    throw new Error(`unexpected ${selection.kind}`);
  return selection.rules;
}

const shape = (rules: readonly RequestedRule[]) =>
  rules.map((r) => ({
    protocol: r.protocol,
    ports: `${r.ports.from}-${r.ports.to}`,
    source: Object.values(r.source)[1],
    id: r.ruleId,
  }));

describe('AuthorizeSecurityGroupIngress in every form CloudTrail writes', () => {
  it.each<[string, RuleSelection['kind'], object[]]>([
    ['authorize-world-ipv4-ssh.json', 'rules', [{ protocol: 'tcp', ports: '22-22', source: '0.0.0.0/0' }]],
    ['authorize-world-ipv6-ssh.json', 'rules', [{ protocol: 'tcp', ports: '22-22', source: '::/0' }]],
    [
      'authorize-all-traffic-world.json',
      'rules',
      [{ protocol: 'all', ports: '0-65535', source: '0.0.0.0/0' }],
    ],
    [
      'authorize-protocol-number-6-world.json',
      'rules',
      [{ protocol: 'tcp', ports: '20-30', source: '0.0.0.0/0' }],
    ],
    [
      'authorize-multi-source-one-world.json',
      'rules',
      [{ source: '10.0.0.0/8' }, { source: '52.94.76.0/24' }, { source: '0.0.0.0/0' }],
    ],
    ['authorize-multi-permission.json', 'rules', [{ ports: '443-443' }, { ports: '22-22' }]],
    ['authorize-prefix-list-source.json', 'rules', [{ source: 'pl-0c0ffee0c0ffee001' }]],
    [
      'authorize-legacy-flat-form.json',
      'match',
      [{ protocol: 'tcp', ports: '22-22', source: '0.0.0.0/0', id: undefined }],
    ],
    [
      'authorize-pre-2021-no-ruleset.json',
      'match',
      [{ protocol: 'tcp', ports: '22-22', source: '0.0.0.0/0', id: undefined }],
    ],
    [
      'authorize-console-2017-all-traffic-0-65535.json',
      'match',
      [{ protocol: 'all', ports: '0-65535', source: '0.0.0.0/0' }],
    ],
    [
      'authorize-group-name-default-vpc.json',
      'match',
      [{ protocol: 'tcp', ports: '22-22', source: '0.0.0.0/0' }],
    ],
  ])('%s → %s %j', (file, kind, rules) => {
    const selection = parsed(loadEvent(file).detail);
    expect(selection.kind).toBe(kind);
    const got = shape(rulesOf(selection));
    expect(got).toHaveLength(rules.length);
    got.forEach((rule, i) => {
      expect(rule).toMatchObject(rules[i] as object);
    });
  });

  it('keeps the group id, rule id, direction and description from the response rule set', () => {
    const selection = parsed(loadEvent('authorize-sg-reference.json').detail);
    const [rule] = rulesOf(selection);
    expect(rule?.ruleId).toMatch(/^sgr-/);
    expect(rule?.groupId).toMatch(/^sg-/);
    expect(rule?.direction).toBe('ingress');
    expect(rule?.source).toMatchObject({ kind: 'group' });
  });

  it('names the group by name when the request did, to be resolved in the default VPC', () => {
    const selection = parsed(loadEvent('authorize-group-name-default-vpc.json').detail);
    expect(rulesOf(selection)[0]).toMatchObject({ groupName: 'launch-wizard-1' });
    expect(rulesOf(selection)[0]?.groupId).toBeUndefined();
  });

  const request = (permission: object, top: object = {}) =>
    cloudTrailEvent('AuthorizeSecurityGroupIngress', {
      groupId: 'sg-0a1b2c3d4e5f60001',
      ipPermissions: { items: [permission] },
      ...top,
    }).detail;

  it.each<[string, object, string]>([
    [
      '"-1" with no ports',
      { ipProtocol: '-1', ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
      'all 0-65535',
    ],
    [
      '"-1" with -1 ports',
      { ipProtocol: '-1', fromPort: -1, toPort: -1, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
      'all 0-65535',
    ],
    [
      '"TCP" in capitals',
      { ipProtocol: 'TCP', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
      'tcp 22-22',
    ],
    [
      'ports as strings',
      { ipProtocol: 'tcp', fromPort: '22', toPort: '22', ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
      'tcp 22-22',
    ],
    [
      'tcp with no ports (read as every port)',
      { ipProtocol: 'tcp', ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
      'tcp 0-65535',
    ],
    [
      'items as a bare array',
      { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidrIp: '0.0.0.0/0' }] },
      'tcp 22-22',
    ],
    [
      'udp',
      { ipProtocol: '17', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
      'udp 22-22',
    ],
  ])('reads a permission with %s', (_name, permission, expected) => {
    const [rule] = rulesOf(parsed(request(permission)));
    expect(`${rule?.protocol} ${rule?.ports.from}-${rule?.ports.to}`).toBe(expected);
  });

  it('reads every source kind of one permission, each with its description', () => {
    const selection = parsed(
      request({
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        ipRanges: { items: [{ cidrIp: '0.0.0.0/0', description: 'anyone' }] },
        ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] },
        prefixListIds: { items: [{ prefixListId: 'pl-0123456789abcdef0' }] },
        groups: { items: [{ groupId: 'sg-0fedcba9876543210', userId: '123456789012' }] },
      }),
    );
    const rules = rulesOf(selection);
    expect(rules.map((r) => r.source.kind)).toEqual(['cidr4', 'cidr6', 'prefix-list', 'group']);
    expect(rules[0]?.description).toBe('anyone');
  });

  it('reads the legacy flat form even when ipPermissions is present but empty (a bypass otherwise)', () => {
    const record = cloudTrailEvent('AuthorizeSecurityGroupIngress', {
      groupId: 'sg-0a1b2c3d4e5f60001',
      ipPermissions: {},
      cidrIp: '0.0.0.0/0',
      ipProtocol: 'tcp',
      fromPort: 22,
      toPort: 22,
    }).detail;
    expect(rulesOf(parsed(record))).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no requestParameters', { requestParameters: undefined }, /requestParameters missing/],
    ['no group', { requestParameters: { ipPermissions: { items: [] } } }, /names no group/],
    [
      'an unknown protocol',
      {
        requestParameters: {
          groupId: 'sg-1',
          ipPermissions: { items: [{ ipProtocol: 'ssh', ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] },
        },
      },
      /ipProtocol not understood/,
    ],
    [
      'a permission without sources',
      {
        requestParameters: {
          groupId: 'sg-1',
          ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22 }] },
        },
      },
      /names no source/,
    ],
    [
      'a source item without its key',
      {
        requestParameters: {
          groupId: 'sg-1',
          ipPermissions: {
            items: [
              { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidr: '0.0.0.0/0' }] } },
            ],
          },
        },
      },
      /ipRanges item not understood/,
    ],
    [
      'no permission at all',
      { requestParameters: { groupId: 'sg-1', ipPermissions: {} } },
      /carries no permission/,
    ],
    [
      'a rule set item without a source',
      {
        responseElements: {
          securityGroupRuleSet: {
            items: [{ securityGroupRuleId: 'sgr-1', groupId: 'sg-1', ipProtocol: 'tcp' }],
          },
        },
      },
      /rule set item not understood/,
    ],
  ])('refuses to guess on %s', (_name, override, message) => {
    const record = { ...cloudTrailEvent('AuthorizeSecurityGroupIngress', {}).detail, ...override };
    const result = parseAuthorize(record);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });
});

/** A record without a rule set, as pre-2021 CloudTrail wrote it: one tcp/22 permission of these ranges. */
const requestOnly = (ipRanges: object[], ipv6Ranges: object[] = []) =>
  cloudTrailEvent('AuthorizeSecurityGroupIngress', {
    groupId: 'sg-0a1b2c3d4e5f60001',
    ipPermissions: {
      items: [
        {
          ipProtocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          ipRanges: { items: ipRanges },
          ipv6Ranges: { items: ipv6Ranges },
        },
      ],
    },
  }).detail as Record<string, unknown>;

describe('spellings EC2 accepts: CIDRs the parser reads and the ones it names unreadable', () => {
  it.each<[string, string]>([
    ['010.0.0.0/8', 'ipRanges item not understood: "010.0.0.0/8" cannot be read as one IPv4 network'],
    ['0x0a.0.0.0/8', 'ipRanges item not understood: "0x0a.0.0.0/8" cannot be read as one IPv4 network'],
    ['::/0', 'ipRanges item not understood: "::/0" is not an IPv4 CIDR'],
  ])('names %j unreadable and keeps the readable rule beside it', (cidrIp, reason) => {
    const selection = parsed(requestOnly([{ cidrIp: '000.0.0.0/0' }, { cidrIp }]));
    expect(shape(rulesOf(selection))).toEqual([
      { protocol: 'tcp', ports: '22-22', source: '000.0.0.0/0', id: undefined },
    ]);
    expect(selection).toMatchObject({ unreadable: [reason] });
  });

  it('names an IPv4 value in ipv6Ranges unreadable', () => {
    const result = parseAuthorize(requestOnly([], [{ cidrIpv6: '0.0.0.0/0' }]));
    expect(result).toEqual({
      ok: false,
      error:
        'ipv6Ranges item not understood: "0.0.0.0/0" is not an IPv6 CIDR; a permission names no source that can be read',
    });
  });

  it('names a rule set item with an unreadable CIDR by its rule id, with why', () => {
    const record = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      {},
      {
        securityGroupRuleSet: {
          items: [
            {
              securityGroupRuleId: 'sgr-0123456789abcdef0',
              groupId: 'sg-0a1b2c3d4e5f60001',
              ipProtocol: 'tcp',
              fromPort: 22,
              toPort: 22,
              cidrIpv4: '0.0.0.0/0',
            },
            {
              securityGroupRuleId: 'sgr-0123456789abcdef1',
              groupId: 'sg-0a1b2c3d4e5f60001',
              ipProtocol: 'tcp',
              fromPort: 22,
              toPort: 22,
              cidrIpv4: '192.168.001.010/32',
            },
          ],
        },
      },
    ).detail as Record<string, unknown>;
    expect(parsed(record)).toMatchObject({
      kind: 'rules',
      unreadable: [
        'rule set item not understood: sgr-0123456789abcdef1 ("192.168.001.010/32" cannot be read as one IPv4 network)',
      ],
    });
  });
});

describe('spellings EC2 accepts: every spelled CIDR is a rule of its canonical network or named unreadable (property)', () => {
  const spelled = spelledCidr();

  it('never drops a source and never reads one as another network', () => {
    fc.assert(
      fc.property(spelled, ({ canonical, text }) => {
        const record = requestOnly([{ cidrIp: text }, { cidrIp: '10.0.0.0/8' }]);
        const selection = parsed(record);
        const spelledRules = rulesOf(selection).filter((r) => Object.values(r.source)[1] === text);
        const unreadable = selection.kind === 'match' ? (selection.unreadable ?? []) : [];
        expect(spelledRules.length + unreadable.length).toBe(text === '10.0.0.0/8' ? 2 : 1);
        for (const rule of spelledRules)
          expect(canonicalCidr(Object.values(rule.source)[1] as string)).toBe(canonicalCidr(canonical));
      }),
      { numRuns: 2000 },
    );
  });
});
