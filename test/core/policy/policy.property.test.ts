import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PrefixListInfo } from '../../../functions/core/policy/classify-source.js';
import { evaluateRules } from '../../../functions/core/policy/evaluate.js';
import type { RemediationMode } from '../../../functions/core/policy/policy-config.js';
import { planRemediation } from '../../../functions/core/remediation/plan.js';
import { fromDescribedRule } from '../../../functions/parse/describe-rule.js';
import {
  type ArbPolicy,
  type ArbRule,
  arbPolicy,
  arbRule,
  EIC_PREFIX_LIST_ID,
} from '../../oracle/arbitraries.js';
import { oracleVerdict } from '../../oracle/ssh-oracle.js';
import { contextOf, policyOf, REGION } from '../../support/policy.js';

/** The oracle's policy in the product's own terms. */
function toContext(policy: ArbPolicy, remediatePublicSources = false) {
  const lists: PrefixListInfo[] = Object.entries(policy.prefixLists).map(([id, entries]) => ({
    id,
    ownerId: '123456789012',
    entries,
  }));
  lists.push({
    id: EIC_PREFIX_LIST_ID,
    name: `com.amazonaws.${REGION}.ec2-instance-connect`,
    ownerId: 'AWS',
    entries: [],
  });
  return contextOf(
    policyOf({
      watchedPorts: policy.watchedPorts,
      trusted: policy.trustedCidrs,
      worldPrefix: { 4: policy.worldPrefixV4, 6: policy.worldPrefixV6 },
      remediatePublicSources,
    }),
    lists,
  );
}

function toRule(rule: ArbRule) {
  const parsed = fromDescribedRule(rule);
  if (!parsed) throw new Error(`generated rule not understood: ${JSON.stringify(rule)}`);
  return parsed;
}

const RUNS = { numRuns: 1500 };

describe('the evaluator against an independently written oracle', () => {
  it('gives the oracle’s verdict for every rule and policy', () => {
    fc.assert(
      fc.property(arbRule, arbPolicy, (rule, policy) => {
        const [evaluation] = evaluateRules([toRule(rule)], toContext(policy));
        expect(evaluation?.verdict).toBe(oracleVerdict(rule, policy));
      }),
      RUNS,
    );
  });

  it.each<RemediationMode>(['revoke', 'narrow', 'replace-with-eic'])(
    'never plans a revoke for a rule the oracle calls compliant or not applicable (%s mode)',
    (mode) => {
      fc.assert(
        fc.property(
          fc.array(arbRule, { maxLength: 12 }),
          arbPolicy,
          fc.boolean(),
          (rules, policy, remediatePublic) => {
            const steps = planRemediation(
              evaluateRules(rules.map(toRule), toContext(policy, remediatePublic)),
              mode,
              { watchedPorts: policy.watchedPorts, eic: { region: REGION, ipv4: EIC_PREFIX_LIST_ID } },
            );
            for (const step of steps.filter((s) => s.action.kind !== 'none')) {
              const original = rules.find(
                (r) => r.SecurityGroupRuleId === step.evaluation.rule.ruleId,
              ) as ArbRule;
              const verdict = oracleVerdict(original, policy);
              expect(remediatePublic ? ['world-open', 'review'] : ['world-open']).toContain(verdict);
            }
          },
        ),
        RUNS,
      );
    },
  );

  it('plans a revoke for every world-open rule, and report mode plans the same (the act step is what it skips)', () => {
    fc.assert(
      fc.property(fc.array(arbRule, { maxLength: 12 }), arbPolicy, (rules, policy) => {
        const evaluations = evaluateRules(rules.map(toRule), toContext(policy));
        const revoked = new Set(
          planRemediation(evaluations, 'revoke', { watchedPorts: policy.watchedPorts })
            .filter((s) => s.action.kind === 'revoke')
            .map((s) => s.evaluation.rule.ruleId),
        );
        for (const rule of rules) {
          if (oracleVerdict(rule, policy) === 'world-open')
            expect(revoked).toContain(rule.SecurityGroupRuleId);
        }
        // Report mode plans exactly what revoke mode does; the pipeline skips carrying it out.
        const reported = planRemediation(evaluations, 'report', { watchedPorts: policy.watchedPorts });
        expect(reported).toEqual(
          planRemediation(evaluations, 'revoke', { watchedPorts: policy.watchedPorts }),
        );
      }),
      RUNS,
    );
  });
});
