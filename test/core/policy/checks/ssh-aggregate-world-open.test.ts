import { describe, expect, it } from 'vitest';
import { mustParseCidr } from '../../../../functions/core/model/cidr.js';
import type { Rule } from '../../../../functions/core/model/rule.js';
import { prefixEquivalent, unionSize, worldSize } from '../../../../functions/core/policy/address-union.js';
import { sshAggregateWorldOpen } from '../../../../functions/core/policy/checks/ssh-aggregate-world-open.js';
import type { PrefixListInfo } from '../../../../functions/core/policy/classify-source.js';
import { evaluateGroups, evaluateRules } from '../../../../functions/core/policy/evaluate.js';
import type { PolicyConfig } from '../../../../functions/core/policy/policy-config.js';
import { cidr, contextOf, policyOf, ruleOf } from '../../../support/policy.js';

/** `count` distinct public /16s: 11.0.0.0/16, 11.1.0.0/16, ... (256 of them make 11.0.0.0/8). */
const slash16s = (count: number) => Array.from({ length: count }, (_, i) => `11.${i}.0.0/16`);
/** `count` distinct public /9s from 11.0.0.0/9 up, skipping loopback 127/8 (not public). */
const slash9s = (count: number) =>
  Array.from({ length: 130 }, (_, i) => 11 + i)
    .filter((octet) => octet !== 127)
    .flatMap((octet) => [`${octet}.0.0.0/9`, `${octet}.128.0.0/9`])
    .slice(0, count);

const LIST: PrefixListInfo = {
  id: 'pl-0a99a99a99a99a991',
  name: 'vendor-ranges',
  ownerId: '123456789012',
  entries: ['11.0.0.0/9', '11.128.0.0/9', '10.0.0.0/8'],
};

function groupOf(sources: readonly (string | Partial<Rule>)[]): Rule[] {
  return sources.map((s) => ruleOf(typeof s === 'string' ? { source: cidr(s) } : s));
}

function verdicts(rules: readonly Rule[], policy: PolicyConfig = policyOf()) {
  const evaluations = evaluateGroups(rules, contextOf(policy, [LIST]));
  const count = (checkId: string) => evaluations.filter((e) => e.check?.id === checkId).length;
  return {
    aggregate: count('ssh-aggregate-world-open'),
    worldOpen: count('ssh-world-open'),
    review: count('ssh-public-source'),
    evaluations,
  };
}

describe('aggregate exposure: many public SSH sources that together span the world', () => {
  it.each<[string, readonly (string | Partial<Rule>)[], number, number, Partial<PolicyConfig>?]>([
    ['256 distinct public /16s make a /8: world-open, one revoke brings it below', slash16s(256), 1, 255],
    ['255 distinct public /16s stay below a /8', slash16s(255), 0, 255],
    ['two adjacent public /9s make a /8', ['11.0.0.0/9', '11.128.0.0/9'], 1, 1],
    ['256 public /9s: the broadest are revoked until one /9 is left', slash9s(256), 255, 1],
    ['256 public /9s reach a /1 bound', slash9s(256), 1, 255, { worldPrefix: { 4: 1, 6: 32 } }],
    ['255 public /9s stay below a /1 bound', slash9s(255), 0, 255, { worldPrefix: { 4: 1, 6: 32 } }],
    ['a union, not a sum: four rules from the same /9', Array(4).fill('11.0.0.0/9'), 0, 4],
    ['nested ranges count once', ['11.0.0.0/9', '11.0.0.0/10', '11.64.0.0/10'], 0, 3],
    [
      'the broadest goes first: /9 + /10 + /10 = /8, revoking the /9 is enough',
      ['11.128.0.0/10', '11.0.0.0/9', '11.192.0.0/10'],
      1,
      2,
    ],
    ['two adjacent public IPv6 /33s make the /32 bound', ['2600::/33', '2600:0:8000::/33'], 1, 1],
    [
      'a prefix list whose public entries make a /8',
      [{ source: { kind: 'prefix-list', prefixListId: LIST.id } }],
      1,
      0,
    ],
    [
      'trusted sources do not count',
      ['11.0.0.0/9', '11.128.0.0/9'],
      0,
      1,
      { trusted: ['11.128.0.0/9'] } as never,
    ],
    [
      'egress rules do not count',
      ['11.0.0.0/9', { source: cidr('11.128.0.0/9'), direction: 'egress' }],
      0,
      1,
    ],
    ['udp does not count', ['11.0.0.0/9', { source: cidr('11.128.0.0/9'), protocol: 'udp' }], 0, 1],
    [
      'other ports do not count',
      ['11.0.0.0/9', { source: cidr('11.128.0.0/9'), ports: { from: 443, to: 443 } }],
      0,
      1,
    ],
    [
      'a rule world-open on its own is revoked by its own check, not counted',
      ['11.0.0.0/8', '12.0.0.0/9'],
      0,
      1,
    ],
  ])('%s', (_name, sources, aggregate, review, policy) => {
    const { trusted, ...rest } = (policy ?? {}) as Partial<PolicyConfig> & { trusted?: string[] };
    const result = verdicts(groupOf(sources), policyOf({ ...rest, ...(trusted ? { trusted } : {}) }));
    expect({ aggregate: result.aggregate, review: result.review }).toEqual({ aggregate, review });
  });

  it('needs the same watched port: /9 on tcp/22 and /9 on tcp/2222 are two half-exposures', () => {
    const policy = policyOf({ watchedPorts: [22, 2222] });
    const split = groupOf(['11.0.0.0/9', { source: cidr('11.128.0.0/9'), ports: { from: 2222, to: 2222 } }]);
    const both = groupOf([
      { source: cidr('11.0.0.0/9'), ports: { from: 20, to: 3000 } },
      { source: cidr('11.128.0.0/9'), ports: { from: 2222, to: 2222 } },
    ]);
    expect(verdicts(split, policy).aggregate).toBe(0);
    expect(verdicts(both, policy).aggregate).toBe(1);
  });

  it('sums each group on its own', () => {
    const rules = [
      ruleOf({ groupId: 'sg-0000000000000000a', source: cidr('11.0.0.0/9') }),
      ruleOf({ groupId: 'sg-0000000000000000b', source: cidr('11.128.0.0/9') }),
    ];
    expect(verdicts(rules).aggregate).toBe(0);
  });

  it('leaves sources under an active exemption out of the sum', () => {
    const groupId = 'sg-0a1b2c3d4e5f60001';
    const policy = policyOf({
      exemptions: [
        { groupId, cidr: '11.0.0.0/9', reason: 'vendor', expires: '2027-01-01', approvedBy: 'secteam' },
      ],
    });
    expect(verdicts(groupOf(['11.0.0.0/9', '11.128.0.0/9']), policy).aggregate).toBe(0);
  });

  it('marks the revoked rules world-open, remediated and high, with the sums in the details', () => {
    const { evaluations } = verdicts(groupOf(['11.128.0.0/10', '11.0.0.0/9', '11.192.0.0/10']));
    const upgraded = evaluations.find((e) => e.check?.id === 'ssh-aggregate-world-open');
    expect(upgraded).toMatchObject({
      verdict: 'world-open',
      severity: 'high',
      remediate: true,
      rule: { source: { cidr: '11.0.0.0/9' } },
      details: {
        port: 22,
        addressFamily: 'IPv4',
        publicRules: 3,
        coveredAddresses: '16777216',
        coveredEquivalentPrefix: '/8',
        worldBound: '/8',
        rulesRevoked: 1,
        remainingAddresses: '8388608',
      },
    });
    expect(upgraded?.reason).toMatch(
      /with 2 other public sources of tcp\/22 on sg-0a1b2c3d4e5f60001 it opens 16777216 IPv4 addresses \(as many as a \/8\), at least the world bound \/8; revoking the broadest 1 rule brings the group below it$/,
    );
  });

  it('applies only when whole groups were read: a rule-by-rule evaluation never sums', () => {
    const rules = groupOf(['11.0.0.0/9', '11.128.0.0/9']);
    const evaluations = evaluateRules(rules, contextOf());
    expect(evaluations.map((e) => e.check?.id)).toEqual(['ssh-public-source', 'ssh-public-source']);
  });
});

describe('address arithmetic', () => {
  it.each<[string[], bigint]>([
    [[], 0n],
    [['11.0.0.0/9', '11.128.0.0/9'], 1n << 24n],
    [['11.0.0.0/8', '11.5.0.0/16', '11.0.0.0/9'], 1n << 24n],
    [['11.0.0.0/32', '11.0.0.1/32', '11.0.0.0/31'], 2n],
    [['0.0.0.0/0', '11.0.0.0/8'], 1n << 32n],
  ])('the union of %j holds %s addresses', (cidrs, size) => {
    expect(unionSize(cidrs.map(mustParseCidr))).toBe(size);
  });

  it.each<[4 | 6, bigint, number]>([
    [4, 1n << 31n, 1],
    [4, 1n << 24n, 8],
    [4, (1n << 24n) + 5n, 8],
    [4, 1n, 32],
    [6, 1n << 96n, 32],
  ])('IPv%s: %s addresses are as many as a /%s', (family, size, prefix) => {
    expect(prefixEquivalent(family, size)).toBe(prefix);
  });

  it('sizes the world bound', () => {
    expect(worldSize(4, 8)).toBe(1n << 24n);
    expect(worldSize(6, 32)).toBe(1n << 96n);
  });
});

describe('the aggregate check describes itself', () => {
  it('is a group check whose revocations are world-open, high severity', () => {
    expect(sshAggregateWorldOpen).toMatchObject({
      id: 'ssh-aggregate-world-open',
      title: 'SSH open to the internet through several rules together',
      severity: 'high',
      verdict: 'world-open',
      label: 'world-open (aggregate)',
      scope: 'group',
    });
  });

  it('hands the upgraded rule the check itself, so its finding needs no lookup', () => {
    const { evaluations } = verdicts(groupOf(['11.0.0.0/9', '11.128.0.0/9']));
    expect(evaluations.filter((e) => e.check === sshAggregateWorldOpen)).toHaveLength(1);
  });
});
