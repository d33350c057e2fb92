import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../functions/core/model/rule.js';
import type { PrefixListInfo } from '../../../functions/core/policy/classify-source.js';
import { narrowRule } from '../../../functions/core/remediation/narrow.js';
import { describePermission } from '../../../functions/core/remediation/permission.js';
import { cidr, ruleOf } from '../../support/policy.js';

const ALL = { from: 0, to: 65535 };
const lists = new Map<string, PrefixListInfo>([
  ['pl-0v4', { id: 'pl-0v4', entries: ['0.0.0.0/0', '10.0.0.0/8'] }],
  ['pl-0v6', { id: 'pl-0v6', entries: ['::/0'] }],
  ['pl-0mixed', { id: 'pl-0mixed', entries: ['0.0.0.0/0', '::/0'] }],
  ['pl-0empty', { id: 'pl-0empty', entries: [] }],
]);
const fromList = (id: string): Rule['source'] => ({ kind: 'prefix-list', prefixListId: id });

describe('narrowing a rule: the same source keeps everything but the watched ports', () => {
  it.each<[string, Partial<Rule>, number[], string[]]>([
    ['tcp/22 alone keeps nothing', {}, [22], []],
    ['tcp 0-65535', { ports: ALL }, [22], ['tcp/0-21 from 0.0.0.0/0', 'tcp/23-65535 from 0.0.0.0/0']],
    [
      'tcp 20-30',
      { ports: { from: 20, to: 30 } },
      [22],
      ['tcp/20-21 from 0.0.0.0/0', 'tcp/23-30 from 0.0.0.0/0'],
    ],
    [
      'tcp 22-30 (watched port at the edge)',
      { ports: { from: 22, to: 30 } },
      [22],
      ['tcp/23-30 from 0.0.0.0/0'],
    ],
    [
      'several watched ports',
      { ports: ALL },
      [22, 2222, 3389],
      [
        'tcp/0-21 from 0.0.0.0/0',
        'tcp/23-2221 from 0.0.0.0/0',
        'tcp/2223-3388 from 0.0.0.0/0',
        'tcp/3390-65535 from 0.0.0.0/0',
      ],
    ],
    [
      'adjacent watched ports leave no empty range',
      { ports: { from: 21, to: 24 } },
      [22, 23],
      ['tcp/21 from 0.0.0.0/0', 'tcp/24 from 0.0.0.0/0'],
    ],
    [
      'IPv6 source',
      { ports: ALL, source: cidr('::/0') },
      [22],
      ['tcp/0-21 from ::/0', 'tcp/23-65535 from ::/0'],
    ],
    [
      'all traffic from IPv4: tcp without SSH, all udp, all icmp',
      { protocol: 'all', ports: ALL },
      [22],
      [
        'tcp/0-21 from 0.0.0.0/0',
        'tcp/23-65535 from 0.0.0.0/0',
        'udp/all from 0.0.0.0/0',
        'icmp/all from 0.0.0.0/0',
      ],
    ],
    [
      'all traffic from IPv6: icmpv6 instead of icmp',
      { protocol: 'all', ports: ALL, source: cidr('::/0') },
      [22],
      ['tcp/0-21 from ::/0', 'tcp/23-65535 from ::/0', 'udp/all from ::/0', 'icmpv6/all from ::/0'],
    ],
    [
      'prefix-list source keeps the same list',
      { ports: ALL, source: fromList('pl-0v4') },
      [22],
      ['tcp/0-21 from pl-0v4', 'tcp/23-65535 from pl-0v4'],
    ],
    [
      'all traffic from an IPv6 prefix list',
      { protocol: 'all', ports: ALL, source: fromList('pl-0v6') },
      [22],
      ['tcp/0-21 from pl-0v6', 'tcp/23-65535 from pl-0v6', 'udp/all from pl-0v6', 'icmpv6/all from pl-0v6'],
    ],
    [
      'host bits are written canonically',
      { ports: ALL, source: cidr('203.0.113.9/0') },
      [22],
      ['tcp/0-21 from 0.0.0.0/0', 'tcp/23-65535 from 0.0.0.0/0'],
    ],
  ])('%s', (_name, overrides, watched, kept) => {
    const remainder = narrowRule(ruleOf(overrides), watched, lists);
    expect(remainder.ok).toBe(true);
    if (remainder.ok) expect(remainder.keep.map(describePermission)).toEqual(kept);
  });

  it('copies the description onto every kept permission', () => {
    const remainder = narrowRule(
      ruleOf({ protocol: 'all', ports: ALL, description: 'office VPN' }),
      [22],
      lists,
    );
    expect(remainder.ok && remainder.keep.map((p) => p.description)).toEqual(Array(4).fill('office VPN'));
  });

  it('says that the other IP protocols of an all-traffic rule are not kept', () => {
    expect(narrowRule(ruleOf({ protocol: 'all', ports: ALL }), [22], lists)).toMatchObject({
      ok: true,
      dropped: 'IP protocols other than tcp, udp and ICMP (GRE, ESP, SCTP...)',
    });
    expect(narrowRule(ruleOf({ ports: ALL }), [22], lists)).not.toHaveProperty('dropped');
  });

  it.each([
    ['a list whose entries mix address families', 'pl-0mixed'],
    ['an empty list', 'pl-0empty'],
    ['a list never read', 'pl-0unknown'],
  ])('cannot write the ICMP part of all traffic from %s', (_name, id) => {
    expect(narrowRule(ruleOf({ protocol: 'all', ports: ALL, source: fromList(id) }), [22], lists)).toEqual({
      ok: false,
      reason: `the address family of prefix list ${id} is unknown, so its ICMP part cannot be written`,
    });
  });

  it('does not narrow a security-group reference (never a violation anyway)', () => {
    const rule = ruleOf({ ports: ALL, source: { kind: 'group', groupId: 'sg-0peer' } });
    expect(narrowRule(rule, [22], lists)).toMatchObject({ ok: false });
  });
});
