import { describe, expect, it } from 'vitest';
import type { CurrentRule } from '../../../functions/core/model/rule.js';
import type { PolicyConfig } from '../../../functions/core/policy/policy-config.js';
import { decideRemediation, nextFactNeeded } from '../../../functions/core/remediation/decide.js';
import type { DecisionSettings, GuardFacts } from '../../../functions/core/remediation/facts.js';
import { cidr, NOW, policyOf, REGION, ruleOf } from '../../support/policy.js';

// An event's rules are summed per group at no call; a public SSH source the event leaves in place
// makes the decision ask for its group's rules, once, and the group is then summed whole.

const GROUP = 'sg-0a1b2c3d4e5f60001';
const OTHER = 'sg-0a1b2c3d4e5f60002';
const rule = (id: string, source: string, extra: Partial<CurrentRule> = {}) =>
  ruleOf({ groupId: GROUP, ruleId: `sgr-0000000000000${id}`, source: cidr(source), ...extra });

const factsOf = (
  rules: CurrentRule[],
  held?: CurrentRule[],
  overrides: Partial<GuardFacts> = {},
): GuardFacts => ({
  region: REGION,
  rules,
  missing: [],
  wholeGroups: false,
  prefixLists: new Map(),
  ...(held ? { groupRules: groupsOf(held) } : {}),
  ...overrides,
});
const groupsOf = (held: CurrentRule[]) =>
  new Map([GROUP, ...held.map((r) => r.groupId)].map((g) => [g, held.filter((r) => r.groupId === g)]));
const settingsOf = (policy: Partial<PolicyConfig> = {}, mode: DecisionSettings['mode'] = 'revoke') => ({
  mode,
  policy: policyOf(policy),
});

/** What the decision reports per rule: rule id, check, planned action. */
function decided(facts: GuardFacts, settings: DecisionSettings = settingsOf()) {
  return decideRemediation(facts, settings, NOW).steps.map(
    (s) => `${s.evaluation.rule.ruleId?.slice(-4)} ${s.evaluation.check.id} ${s.action.kind}`,
  );
}

// Two halves of 11.0.0.0/8 (public space): each is a review finding alone, world-open together.
const LOW = rule('a001', '11.0.0.0/9');
const HIGH = rule('a002', '11.128.0.0/9');
const NEIGHBOUR = rule('b001', '12.0.0.0/9');

describe('exposure built from parts in one event: the decision sums the event, then the group', () => {
  it.each<[string, GuardFacts, string, string[]]>([
    [
      'two public halves of a /8 in one event: one revoked before any read, the other left for the read',
      factsOf([LOW, HIGH]),
      'group-rules',
      ['a001 ssh-aggregate-world-open revoke', 'a002 ssh-public-source none'],
    ],
    [
      'the same event once its group is read (holding just those two): the same decision, nothing more to read',
      factsOf([LOW, HIGH], [LOW, HIGH]),
      'none',
      ['a001 ssh-aggregate-world-open revoke', 'a002 ssh-public-source none'],
    ],
    [
      'one public half, the group not read yet: a review finding, and the group is asked for',
      factsOf([HIGH]),
      'group-rules',
      ['a002 ssh-public-source none'],
    ],
    [
      'one public half added beside the other half the group held: the added rule is revoked, the held one is not re-reported',
      factsOf([HIGH], [LOW, HIGH]),
      'none',
      ['a002 ssh-aggregate-world-open revoke'],
    ],
    [
      'a narrower public source completing a /8 with broader held ones: the event’s own rule goes, the held ones stay',
      factsOf(
        [rule('a003', '11.192.0.0/10')],
        [LOW, rule('b002', '11.128.0.0/10'), rule('a003', '11.192.0.0/10')],
      ),
      'none',
      ['a003 ssh-aggregate-world-open revoke'],
    ],
    [
      'the event’s rule edited before delivery: judged on what the group holds now, nothing held is revoked',
      factsOf([HIGH], [LOW, rule('a002', '203.0.113.7/32')]),
      'none',
      ['a002 ssh-public-source none'],
    ],
    [
      'the group deleted before delivery: the event’s rule keeps its own verdict',
      factsOf([HIGH], []),
      'none',
      ['a002 ssh-public-source none'],
    ],
    [
      'public halves in two different groups never add up',
      factsOf(
        [HIGH],
        [LOW, HIGH].map((r, i) => (i === 0 ? { ...r, groupId: OTHER } : r)),
      ),
      'none',
      ['a002 ssh-public-source none'],
    ],
    [
      'a third public /9 next door: two of three halves go, the event’s own first among equals',
      factsOf([HIGH], [LOW, HIGH, NEIGHBOUR]),
      'none',
      ['a002 ssh-aggregate-world-open revoke', 'a001 ssh-aggregate-world-open revoke'],
    ],
    ['a compliant event reads nothing', factsOf([rule('a004', '10.0.0.0/8')]), 'none', []],
    [
      'a world-open event reads nothing: its rule checks revoke it',
      factsOf([rule('a005', '0.0.0.0/0')]),
      'none',
      ['a005 ssh-world-open revoke'],
    ],
    [
      'an egress rule or another port never asks for the group',
      factsOf([
        rule('a006', '11.0.0.0/9', { direction: 'egress' }),
        rule('a007', '11.0.0.0/9', { ports: { from: 443, to: 443 } }),
      ]),
      'none',
      [],
    ],
  ])('%s', (_name, facts, needed, steps) => {
    expect(nextFactNeeded(facts, settingsOf(), NOW).kind).toBe(needed);
    expect(decided(facts)).toEqual(steps);
  });

  it.each<[string, Partial<PolicyConfig>]>([
    [
      'a public source under an active exemption',
      {
        exemptions: [
          {
            groupId: GROUP,
            cidr: '11.128.0.0/9',
            reason: 'vendor',
            expires: '2027-01-01',
            approvedBy: 'secteam',
          },
        ],
      },
    ],
    [
      'a public source the policy revokes anyway (remediate public sources)',
      { remediatePublicSources: true },
    ],
    ['a trusted public source', { trustedCidrs: policyOf({ trusted: ['11.128.0.0/9'] }).trustedCidrs }],
  ])('does not read the group for %s', (_name, policy) => {
    expect(nextFactNeeded(factsOf([HIGH]), settingsOf(policy), NOW).kind).toBe('none');
  });

  it('asks for the rules of exactly the groups where a public source is left, once', () => {
    const facts = factsOf([
      HIGH,
      rule('c001', '11.0.0.0/9', { groupId: OTHER }),
      rule('c002', '10.0.0.0/8', { groupId: 'sg-0a1b2c3d4e5f60003' }),
    ]);
    expect(nextFactNeeded(facts, settingsOf(), NOW)).toEqual({
      kind: 'group-rules',
      groupIds: [GROUP, OTHER],
    });
    expect(nextFactNeeded({ ...facts, groupRules: new Map() }, settingsOf(), NOW).kind).toBe('none');
  });

  it('never reads for a requested rule the group no longer holds, nor for facts that hold whole groups', () => {
    const { ruleId: _, ...missing } = HIGH;
    expect(nextFactNeeded(factsOf([], undefined, { missing: [missing] }), settingsOf(), NOW).kind).toBe(
      'none',
    );
    expect(nextFactNeeded(factsOf([HIGH], undefined, { wholeGroups: true }), settingsOf(), NOW).kind).toBe(
      'none',
    );
  });

  it('does not sum a group the event left no public source in, even when its rules are at hand', () => {
    // An old record's rules are matched against a group read anyway; a private rule there is not a reason
    // to report what the group held before.
    const facts = factsOf([rule('a004', '10.0.0.0/8')], [LOW, HIGH, rule('a004', '10.0.0.0/8')]);
    expect(decided(facts)).toEqual([]);
  });

  it('counts a rule the event added and the group holds once, whatever its id now', () => {
    const readBack = { ...HIGH, ruleId: 'sgr-0000000000000ffff', description: 'renamed' };
    const { evaluations } = decideRemediation(factsOf([HIGH], [LOW, readBack]), settingsOf(), NOW);
    expect(evaluations.map((e) => [e.rule.ruleId, e.details?.publicRules])).toEqual([[HIGH.ruleId, 2]]);
  });

  it('asks for the group’s rules before its tags, so the tags cover what the sum revokes', () => {
    const settings = settingsOf({ honorExemptTag: true });
    const before = factsOf([HIGH]);
    expect(nextFactNeeded(before, settings, NOW)).toEqual({ kind: 'group-rules', groupIds: [GROUP] });
    const read = factsOf([HIGH], [LOW, HIGH]);
    expect(nextFactNeeded(read, settings, NOW)).toEqual({ kind: 'group-tags', groupIds: [GROUP] });
  });

  it('lets the group’s exempt tag, when honoured, cover what the sum would revoke', () => {
    const facts = factsOf([HIGH], [LOW, HIGH], {
      groupTags: new Map([[GROUP, { 'ssh-ingress-guard:exempt': 'vendor bastion' }]]),
    });
    const { steps } = decideRemediation(facts, settingsOf({ honorExemptTag: true }), NOW);
    expect(steps.map((s) => [s.evaluation.check.id, s.action])).toEqual([
      ['ssh-aggregate-world-open', { kind: 'none', outcome: 'exempted' }],
    ]);
    expect(steps[0]?.evaluation.exemption).toMatchObject({ status: 'active', origin: 'tag' });
  });

  it('asks for the EIC lists after the sum, in replace mode, for the rule the sum revokes', () => {
    const settings = settingsOf({}, 'replace-with-eic');
    expect(nextFactNeeded(factsOf([HIGH]), settings, NOW).kind).toBe('group-rules');
    expect(nextFactNeeded(factsOf([HIGH], [LOW, HIGH]), settings, NOW).kind).toBe('eic-lists');
  });

  it('plans report mode exactly as revoke mode', () => {
    const facts = factsOf([HIGH], [LOW, HIGH]);
    expect(decideRemediation(facts, settingsOf({}, 'report'), NOW)).toEqual(
      decideRemediation(facts, settingsOf(), NOW),
    );
  });
});
