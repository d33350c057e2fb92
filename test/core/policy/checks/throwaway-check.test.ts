import { describe, expect, it } from 'vitest';
import { renderTable } from '../../../../functions/cli/render-table.js';
import { buildRuleFinding } from '../../../../functions/core/findings/build-finding.js';
import {
  buildSweepSummaryFinding,
  totalSweep,
} from '../../../../functions/core/findings/build-sweep-finding.js';
import type { Finding } from '../../../../functions/core/findings/finding.js';
import type { Check, GroupCheck, RuleCheck } from '../../../../functions/core/policy/checks/check.js';
import { type Exposure, findExposure } from '../../../../functions/core/policy/checks/exposure.js';
import { CHECKS } from '../../../../functions/core/policy/checks/index.js';
import { evaluateGroups, evaluateRules } from '../../../../functions/core/policy/evaluate.js';
import { planRemediation } from '../../../../functions/core/remediation/plan.js';
import type { SweepResult } from '../../../../functions/pipeline/run-sweep.js';
import { cidr, contextOf, NOW, policyOf, ruleOf, TEST_TRIGGER } from '../../../support/policy.js';

/** A check nobody registered: SSH rules whose description says they are temporary. */
const sshTemporaryRule: RuleCheck = {
  scope: 'rule',
  id: 'ssh-temporary-rule',
  title: 'SSH rule marked temporary',
  severity: 'low',
  verdict: 'review',
  label: 'temporary',
  guidance: {
    revoked: 'The rule was removed because it said it was temporary.',
    review: 'This SSH rule says it is temporary: remove it when the work is done.',
  },
  evaluate(rule, exposure) {
    if (!exposure) return { status: 'not-applicable' };
    if (!/temporary/i.test(rule.description ?? ''))
      return { status: 'compliant', reason: 'not marked temporary' };
    return {
      status: 'non-compliant',
      reason: `SSH rule described as "${rule.description}"`,
      remediate: false,
      classification: exposure.classification,
    };
  },
};

const temporary = () => ruleOf({ source: cidr('10.20.0.0/16'), description: 'temporary: debugging' });

function sweepOf(findings: readonly Finding[]): SweepResult {
  const figures = { regions: [], durationMs: 0, listingApiCalls: 0 };
  return {
    regions: [],
    findings,
    summary: buildSweepSummaryFinding({ ...figures, trigger: TEST_TRIGGER, mode: 'revoke', now: NOW }),
    totals: totalSweep(figures),
    published: 0,
  };
}

describe('a check added through the registry alone', () => {
  const checks: readonly Check[] = [...CHECKS, sshTemporaryRule];

  it('is evaluated and reported with its own title, severity, label and guidance', () => {
    const evaluations = evaluateRules([temporary()], contextOf(), checks);
    expect(evaluations).toMatchObject([{ verdict: 'review', check: sshTemporaryRule, severity: 'low' }]);
    const [step, ...others] = planRemediation(evaluations, 'revoke', { watchedPorts: [22] });
    expect(others).toHaveLength(0);
    expect(step?.action).toEqual({ kind: 'none', outcome: 'review' });
    const finding = buildRuleFinding(
      { evaluation: step?.evaluation ?? expect.fail('no step'), action: 'review' },
      { trigger: TEST_TRIGGER, mode: 'revoke', now: NOW },
    );
    expect(finding).toMatchObject({
      checkId: 'ssh-temporary-rule',
      title: 'SSH rule marked temporary',
      severity: 'low',
      summary: expect.stringContaining('SSH rule described as "temporary: debugging"'),
      guidance: expect.stringMatching(
        /^This SSH rule says it is temporary: remove it when the work is done\. /,
      ),
    });
    expect(renderTable(sweepOf([finding]), checks)).toMatch(/10\.20\.0\.0\/16\s+temporary\s+low\s+review/);
  });

  it('runs in whole-group evaluation too, before the group checks', () => {
    expect(evaluateGroups([temporary()], contextOf(), checks)).toMatchObject([{ check: sshTemporaryRule }]);
  });

  it('changes nothing for callers that use the registered list', () => {
    expect(evaluateRules([temporary()], contextOf())).toMatchObject([{ verdict: 'compliant' }]);
    expect(CHECKS).not.toContain(sshTemporaryRule);
  });

  it('is refused loudly by a table that was not given it', () => {
    const evaluations = evaluateRules([temporary()], contextOf(), checks);
    const [step] = planRemediation(evaluations, 'revoke', { watchedPorts: [22] });
    const finding = buildRuleFinding(
      { evaluation: step?.evaluation ?? expect.fail('no step'), action: 'review' },
      { trigger: TEST_TRIGGER, mode: 'revoke', now: NOW },
    );
    expect(() => renderTable(sweepOf([finding]))).toThrow('"ssh-temporary-rule"');
  });
});

describe('exposure, computed once per rule by the evaluator', () => {
  /** Checks that only record the exposure they were handed. */
  function recorders() {
    const seen: { check: string; rule: string; exposure: Exposure | undefined }[] = [];
    const ruleRecorder = (id: string): RuleCheck => ({
      ...sshTemporaryRule,
      id,
      evaluate(rule, exposure) {
        seen.push({ check: id, rule: rule.ruleId ?? '', exposure });
        return { status: 'not-applicable' };
      },
    });
    const groupRecorder: GroupCheck = {
      ...sshTemporaryRule,
      scope: 'group',
      id: 'group-recorder',
      evaluate(group) {
        for (const m of group)
          seen.push({ check: 'group', rule: m.evaluation.rule.ruleId ?? '', exposure: m.exposure });
        return group.map((m) => m.evaluation);
      },
    };
    return { seen, checks: [ruleRecorder('first'), ruleRecorder('second'), groupRecorder] };
  }

  it('hands every check of a rule the same exposure, the one its rule and policy give', () => {
    const rules = [
      ruleOf(),
      ruleOf({ source: cidr('11.0.0.0/9') }),
      ruleOf({ ports: { from: 443, to: 443 } }),
    ];
    const ctx = contextOf();
    const { seen, checks } = recorders();
    evaluateGroups(rules, ctx, checks);
    for (const rule of rules) {
      const handed = seen.filter((s) => s.rule === rule.ruleId);
      expect(handed.map((s) => s.check)).toEqual(['first', 'second', 'group']);
      expect(new Set(handed.map((s) => s.exposure)).size).toBe(1);
      expect(handed[0]?.exposure).toEqual(findExposure(rule, ctx));
    }
  });

  it('is recomputed for another policy: nothing is remembered between evaluations', () => {
    const rule = ruleOf({ ports: { from: 20, to: 3000 } });
    const { seen, checks } = recorders();
    evaluateRules([rule], contextOf(policyOf({ watchedPorts: [22] })), checks);
    evaluateRules([rule], contextOf(policyOf({ watchedPorts: [22, 2222] })), checks);
    expect(seen.filter((s) => s.check === 'first').map((s) => s.exposure?.ports)).toEqual([[22], [22, 2222]]);
  });
});
