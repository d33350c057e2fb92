import { describe, expect, it } from 'vitest';
import { decideRemediation, nextFactNeeded } from '../../../functions/core/remediation/decide.js';
import type { DecisionSettings, GuardFacts } from '../../../functions/core/remediation/facts.js';
import { prefixListsToRead } from '../../../functions/core/remediation/facts.js';
import { cidr, NOW, policyOf, REGION, ruleOf } from '../../support/policy.js';

const GROUP = 'sg-0a1b2c3d4e5f60001';
const factsOf = (overrides: Partial<GuardFacts> = {}): GuardFacts => ({
  region: REGION,
  rules: [],
  missing: [],
  wholeGroups: false,
  prefixLists: new Map(),
  ...overrides,
});
const settingsOf = (mode: DecisionSettings['mode'], honorExemptTag = false): DecisionSettings => ({
  mode,
  policy: policyOf({ honorExemptTag }),
});

describe('the one decision: verdicts and plan from facts read before', () => {
  it('plans a revoke for a world-open current rule and nothing for a compliant one', () => {
    const open = ruleOf({ groupId: GROUP });
    const private10 = ruleOf({ groupId: GROUP, source: cidr('10.0.0.0/8') });
    const { evaluations, steps } = decideRemediation(
      factsOf({ rules: [open, private10] }),
      settingsOf('revoke'),
      NOW,
    );
    expect(evaluations.map((e) => e.verdict)).toEqual(['world-open', 'compliant']);
    expect(steps.map((s) => [s.evaluation.rule.ruleId, s.action.kind])).toEqual([[open.ruleId, 'revoke']]);
  });

  it('judges a missing rule and plans it as already gone, after the current rules', () => {
    const { ruleId: _, ...missing } = ruleOf({ groupId: GROUP });
    const current = ruleOf({ groupId: GROUP });
    const { steps } = decideRemediation(
      factsOf({ rules: [current], missing: [missing] }),
      settingsOf('revoke'),
      NOW,
    );
    expect(steps.map((s) => s.action)).toEqual([
      { kind: 'revoke' },
      { kind: 'none', outcome: 'already-gone' },
    ]);
  });

  it('applies group checks to whole groups, and to an event’s own rules before any read', () => {
    // Two public halves of 0.0.0.0/0's first /8: each is review alone, world-open together.
    const halves = [
      ruleOf({ groupId: GROUP, source: cidr('52.0.0.0/9') }),
      ruleOf({ groupId: GROUP, source: cidr('52.128.0.0/9') }),
    ];
    const whole = decideRemediation(factsOf({ rules: halves, wholeGroups: true }), settingsOf('revoke'), NOW);
    const own = decideRemediation(factsOf({ rules: halves }), settingsOf('revoke'), NOW);
    expect(whole.evaluations.map((e) => e.verdict)).toEqual(['world-open', 'review']);
    expect(own.evaluations.map((e) => e.verdict)).toEqual(['world-open', 'review']);
  });

  it('plans report mode exactly as revoke mode', () => {
    const facts = factsOf({ rules: [ruleOf()] });
    expect(decideRemediation(facts, settingsOf('report'), NOW)).toEqual(
      decideRemediation(facts, settingsOf('revoke'), NOW),
    );
  });

  it('is pure: the same facts give the same decision', () => {
    const facts = factsOf({ rules: [ruleOf(), ruleOf({ source: cidr('52.1.2.0/24') })] });
    expect(decideRemediation(facts, settingsOf('narrow'), NOW)).toEqual(
      decideRemediation(facts, settingsOf('narrow'), NOW),
    );
  });
});

describe('the facts a decision still lacks', () => {
  it.each<[string, string, Partial<GuardFacts>, DecisionSettings]>([
    [
      'a compliant rule, tags honoured',
      'none',
      { rules: [ruleOf({ source: cidr('10.0.0.0/8') })] },
      settingsOf('replace-with-eic', true),
    ],
    ['a violating rule, tags not honoured', 'none', { rules: [ruleOf()] }, settingsOf('revoke')],
    [
      'a violating rule, tags honoured',
      'group-tags',
      { rules: [ruleOf({ groupId: GROUP })] },
      settingsOf('revoke', true),
    ],
    [
      'a violating rule, tags already read',
      'none',
      { rules: [ruleOf()], groupTags: new Map() },
      settingsOf('revoke', true),
    ],
    ['a violating rule in replace mode', 'eic-lists', { rules: [ruleOf()] }, settingsOf('replace-with-eic')],
    [
      'a violating rule in replace mode, lists known',
      'none',
      { rules: [ruleOf()], eic: { region: REGION } },
      settingsOf('replace-with-eic'),
    ],
    [
      'a missing violating rule in replace mode',
      'none',
      { missing: [{ ...ruleOf(), ruleId: undefined }] },
      settingsOf('replace-with-eic'),
    ],
  ])('%s: %s', (_name, expected, facts, settings) => {
    expect(nextFactNeeded(factsOf(facts), settings, NOW).kind).toBe(expected);
  });

  it('asks for the tags of exactly the groups with a rule to remediate', () => {
    const facts = factsOf({
      rules: [
        ruleOf({ groupId: GROUP }),
        ruleOf({ groupId: GROUP }),
        ruleOf({ groupId: 'sg-0other000000000001', source: cidr('10.0.0.0/8') }),
      ],
    });
    expect(nextFactNeeded(facts, settingsOf('revoke', true), NOW)).toEqual({
      kind: 'group-tags',
      groupIds: [GROUP],
    });
  });

  it('names the prefix lists worth reading: ingress, tcp or all, a watched port', () => {
    const list = (id: string) => ({ kind: 'prefix-list', prefixListId: id }) as const;
    const rules = [
      ruleOf({ source: list('pl-1') }),
      ruleOf({ source: list('pl-1'), protocol: 'all', ports: { from: 0, to: 65535 } }),
      ruleOf({ source: list('pl-2'), direction: 'egress' }),
      ruleOf({ source: list('pl-3'), protocol: 'udp' }),
      ruleOf({ source: list('pl-4'), ports: { from: 443, to: 443 } }),
    ];
    expect(prefixListsToRead(rules, [22])).toEqual(['pl-1']);
  });
});
