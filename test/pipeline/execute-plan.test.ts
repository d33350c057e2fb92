import { describe, expect, it } from 'vitest';
import type { CurrentRule } from '../../functions/core/model/rule.js';

import type { Permission } from '../../functions/core/remediation/permission.js';
import type { PlannedAction, PlannedStep } from '../../functions/core/remediation/plan.js';
import { executePlan } from '../../functions/pipeline/execute-plan.js';
import { InMemoryEc2 } from '../support/in-memory-aws.js';
import { flaggedRule, ruleOf } from '../support/policy.js';

const GROUP = 'sg-0a1b2c3d4e5f60001';
const OTHER = 'sg-0a1b2c3d4e5f60002';
const keep = (from: number, to: number): Permission => ({
  protocol: 'tcp',
  ports: { from, to },
  source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
});
const EIC: Permission = {
  protocol: 'tcp',
  ports: { from: 22, to: 22 },
  source: { kind: 'prefix-list', prefixListId: 'pl-0eic4' },
};

const stepOf = (rule: CurrentRule, action: PlannedAction): PlannedStep => ({
  evaluation: flaggedRule(rule),
  action,
});

describe('carrying out a plan', () => {
  it('revokes every planned rule of a group in one call, one call per group', async () => {
    const rules = [ruleOf({ groupId: GROUP }), ruleOf({ groupId: GROUP }), ruleOf({ groupId: OTHER })];
    const ec2 = new InMemoryEc2().addRules(...rules);
    const outcomes = await executePlan(
      rules.map((r) => stepOf(r, { kind: 'revoke' })),
      ec2,
    );
    expect(outcomes.map((o) => o.action)).toEqual(['revoked', 'revoked', 'revoked']);
    expect(ec2.calls.map((c) => c.args)).toEqual([
      { groupId: GROUP, ruleIds: [rules[0]?.ruleId, rules[1]?.ruleId] },
      { groupId: OTHER, ruleIds: [rules[2]?.ruleId] },
    ]);
  });

  it('makes no call for steps without an action, and returns their planned outcome', async () => {
    const ec2 = new InMemoryEc2();
    const outcomes = await executePlan(
      [
        stepOf(ruleOf(), { kind: 'none', outcome: 'exempted' }),
        stepOf(ruleOf(), { kind: 'none', outcome: 'review' }),
      ],
      ec2,
    );
    expect(outcomes.map((o) => o.action)).toEqual(['exempted', 'review']);
    expect(ec2.callCount()).toBe(0);
  });

  it('narrows: revokes the wide rule, then authorizes what is kept once EC2 says the rule went', async () => {
    const wide = ruleOf({ groupId: GROUP, ports: { from: 0, to: 65535 } });
    const ec2 = new InMemoryEc2().addRules(wide);
    const [outcome] = await executePlan(
      [stepOf(wide, { kind: 'narrow', keep: [keep(0, 21), keep(23, 65535)] })],
      ec2,
    );
    expect(ec2.calls.map((c) => c.action)).toEqual(['revokeIngress', 'authorizeIngress']);
    expect(outcome).toMatchObject({ action: 'narrowed', kept: [keep(0, 21), keep(23, 65535)] });
  });

  it('narrows nothing for a wide rule that is not in the group: a stale or forged event adds no rule', async () => {
    const wide = ruleOf({ groupId: GROUP, ports: { from: 0, to: 65535 } });
    const ec2 = new InMemoryEc2();
    const [outcome] = await executePlan(
      [stepOf(wide, { kind: 'narrow', keep: [keep(0, 21), keep(23, 65535)] })],
      ec2,
    );
    expect(ec2.calls.map((c) => c.action)).toEqual(['revokeIngress']);
    expect(ec2.rules.size).toBe(0);
    expect(outcome).toMatchObject({ action: 'already-gone' });
    expect(outcome?.changes).toHaveLength(1);
  });

  it('of two narrowings in one group, adds only the kept ranges of the one EC2 removed', async () => {
    const present = ruleOf({
      groupId: GROUP,
      ruleId: 'sgr-0present000000001',
      ports: { from: 0, to: 65535 },
    });
    const absent = ruleOf({
      groupId: GROUP,
      ruleId: 'sgr-0absent0000000001',
      ports: { from: 20, to: 30 },
    });
    const ec2 = new InMemoryEc2().addRules(present);
    const outcomes = await executePlan(
      [
        stepOf(present, { kind: 'narrow', keep: [keep(0, 21), keep(23, 65535)] }),
        stepOf(absent, { kind: 'narrow', keep: [keep(20, 21), keep(23, 30)] }),
      ],
      ec2,
    );
    expect(outcomes.map((o) => o.action)).toEqual(['narrowed', 'already-gone']);
    const added = [...ec2.rules.values()].map((r) => `${r.ports.from}-${r.ports.to}`).sort();
    expect(added).toEqual(['0-21', '23-65535']);
  });

  it('still revokes when narrowing is refused, and says so', async () => {
    const wide = ruleOf({ groupId: GROUP, ports: { from: 0, to: 65535 } });
    const ec2 = new InMemoryEc2().addRules(wide);
    ec2.authorizeFailures.set(GROUP, { code: 'RulesPerSecurityGroupLimitExceeded', message: 'full' });
    const [outcome] = await executePlan([stepOf(wide, { kind: 'narrow', keep: [keep(0, 21)] })], ec2);
    expect(outcome?.action).toBe('revoked');
    expect(outcome?.note).toContain('narrowing failed (RulesPerSecurityGroupLimitExceeded)');
    expect(ec2.rules.has(wide.ruleId)).toBe(false);
  });

  it('replaces only a rule this call really revoked', async () => {
    const open = ruleOf({ groupId: GROUP });
    const ec2 = new InMemoryEc2().addRules(open);
    const [replaced] = await executePlan([stepOf(open, { kind: 'replace', add: [EIC] })], ec2);
    expect(replaced?.action).toBe('replaced');
    expect(ec2.calls.map((c) => c.action)).toEqual(['revokeIngress', 'authorizeIngress']);
    const again = new InMemoryEc2();
    const [gone] = await executePlan([stepOf(open, { kind: 'replace', add: [EIC] })], again);
    expect(gone?.action).toBe('already-gone');
    expect(again.calls.map((c) => c.action)).toEqual(['revokeIngress']);
  });

  it('reports a refused revoke as failed with the AWS code, and adds no replacement', async () => {
    const open = ruleOf({ groupId: GROUP });
    const ec2 = new InMemoryEc2().addRules(open);
    ec2.revokeFailures.set(GROUP, { code: 'UnauthorizedOperation', message: 'blocked by SCP' });
    const [outcome] = await executePlan([stepOf(open, { kind: 'replace', add: [EIC] })], ec2);
    expect(outcome).toMatchObject({ action: 'failed', error: { code: 'UnauthorizedOperation' } });
    expect(ec2.callCount('authorizeIngress')).toBe(0);
  });

  it('never acts on a missing rule, even if a plan were to ask', async () => {
    const { ruleId: _, ...missing } = ruleOf();
    const ec2 = new InMemoryEc2();
    const [outcome] = await executePlan(
      [{ evaluation: flaggedRule(missing), action: { kind: 'revoke' } }],
      ec2,
    );
    expect(ec2.callCount()).toBe(0);
    expect(outcome?.action).toBe('would-revoke');
  });
});
