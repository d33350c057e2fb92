import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../../functions/core/model/rule.js';
import { sshRepeatOpen } from '../../../../functions/core/policy/checks/ssh-repeat-open.js';
import { evaluateRules, type FlaggedEvaluation } from '../../../../functions/core/policy/evaluate.js';
import { judgeHistory, openingsToRecord } from '../../../../functions/core/policy/judge-history.js';
import type { OpeningHistory } from '../../../../functions/core/policy/opening-history.js';
import type { Exemption } from '../../../../functions/core/policy/policy-config.js';
import { cidr, contextOf, flaggedRule, policyOf, ruleOf } from '../../../support/policy.js';

const history = (count: number): OpeningHistory => ({
  count,
  firstAt: '2026-11-20T12:00:00Z',
  lastAt: '2026-11-21T09:00:00Z',
  windowHours: 24,
});
const EXEMPTION: Exemption = {
  groupId: 'sg-0a1b2c3d4e5f60001',
  reason: 'load test',
  expires: '2027-01-01',
  approvedBy: 'secteam',
};

const flagged = (rule: Partial<Rule>, exemptions: Exemption[] = []): FlaggedEvaluation =>
  flaggedRule(ruleOf(rule), contextOf(policyOf({ exemptions })));

describe('flip-flop with infrastructure as code: the repeat check', () => {
  it.each<[string, FlaggedEvaluation, number, string, string]>([
    ['a first opening stays world-open', flagged({}), 1, 'ssh-world-open', 'high'],
    [
      'a second opening within the window is a critical repeat',
      flagged({}),
      2,
      'ssh-repeat-open',
      'critical',
    ],
    ['a fifth opening too', flagged({}), 5, 'ssh-repeat-open', 'critical'],
    [
      'a public review rule is not counted',
      flagged({ source: cidr('52.94.76.10/32') }),
      3,
      'ssh-public-source',
      'medium',
    ],
    ['an exempted world-open rule is not counted', flagged({}, [EXEMPTION]), 3, 'ssh-world-open', 'high'],
  ])('%s', (_name, evaluation, count, checkId, severity) => {
    const judged = judgeHistory(evaluation, history(count));
    expect({ checkId: judged.check.id, severity: judged.severity }).toEqual({ checkId, severity });
  });

  it('says how often, since when and until when, and keeps what the rule check found', () => {
    const evaluation = flagged({});
    const judged = sshRepeatOpen.evaluate(evaluation, history(3));
    expect(judged).toMatchObject({
      verdict: 'world-open',
      remediate: true,
      classification: evaluation.classification,
      details: {
        repeat: {
          count: 3,
          firstOpenedAt: '2026-11-20T12:00:00Z',
          lastOpenedAt: '2026-11-21T09:00:00Z',
          windowHours: 24,
          repeatedCheckId: 'ssh-world-open',
        },
      },
    });
    expect(judged.reason).toBe(
      `${evaluation.reason}; opened 3 times on this group from this source between 2026-11-20T12:00:00Z and 2026-11-21T09:00:00Z (each within 24 h of the previous)`,
    );
  });

  it('asks for a recorded opening only for world-open rules the guard removes', () => {
    const rules = [
      ruleOf(),
      ruleOf({ source: cidr('52.94.76.10/32') }),
      ruleOf({ source: cidr('10.0.0.0/8') }),
    ];
    const evaluations = evaluateRules(rules, contextOf());
    expect(evaluations.map((e) => e.verdict)).toEqual(['world-open', 'review', 'compliant']);
    expect(openingsToRecord(evaluations).map((e) => e.rule)).toEqual([rules[0]]);
  });

  it('leaves a rule without history as it was', () => {
    const evaluation = flagged({});
    expect(judgeHistory(evaluation, undefined)).toBe(evaluation);
  });

  it('describes itself: critical, world-open, labelled as a repeat', () => {
    expect(sshRepeatOpen).toMatchObject({
      scope: 'history',
      id: 'ssh-repeat-open',
      severity: 'critical',
      verdict: 'world-open',
      label: 'world-open (repeat)',
    });
  });
});
