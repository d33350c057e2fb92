import { describe, expect, it } from 'vitest';
import type { RequestedRule } from '../../functions/core/model/rule.js';
import { resolveRules, toMissing } from '../../functions/pipeline/resolve-rules.js';
import { InMemoryEc2 } from '../support/in-memory-aws.js';
import { cidr, ruleOf } from '../support/policy.js';

const GROUP = 'sg-0a1b2c3d4e5f60001';
const requested = (overrides: Partial<RequestedRule> = {}): RequestedRule => ({
  groupId: GROUP,
  direction: 'ingress',
  protocol: 'tcp',
  ports: { from: 22, to: 22 },
  source: cidr('0.0.0.0/0'),
  ...overrides,
});

describe('resolving a selection into current rules and missing ones', () => {
  it('takes a complete rule set as it is, with no call', async () => {
    const ec2 = new InMemoryEc2();
    const rules = [ruleOf()];
    await expect(resolveRules({ kind: 'rules', rules }, ec2)).resolves.toEqual({
      rules,
      missing: [],
      groups: new Map(),
      wholeGroups: false,
    });
    expect(ec2.callCount()).toBe(0);
  });

  it('reads every rule of named groups in one call and marks them whole', async () => {
    const ec2 = new InMemoryEc2().addRules(
      ruleOf({ groupId: GROUP }),
      ruleOf({ groupId: 'sg-0other000000000001' }),
    );
    const resolved = await resolveRules({ kind: 'groups', groupIds: [GROUP] }, ec2);
    expect(resolved.rules.map((r) => r.groupId)).toEqual([GROUP]);
    expect(resolved.wholeGroups).toBe(true);
    expect(ec2.calls.map((c) => c.action)).toEqual(['readRulesOfGroups']);
  });

  it('reads rules named by id; an id EC2 no longer knows becomes a missing rule without that id', async () => {
    const kept = ruleOf({ ruleId: 'sgr-0000000000000aaaa' });
    const ec2 = new InMemoryEc2().addRules(kept);
    const gone = requested({ ruleId: 'sgr-0000000000000bbbb', direction: 'unknown' });
    const resolved = await resolveRules(
      {
        kind: 'rule-ids',
        ruleIds: ['sgr-0000000000000aaaa', 'sgr-0000000000000bbbb'],
        requested: [requested({ ruleId: 'sgr-0000000000000aaaa' }), gone],
      },
      ec2,
    );
    expect(resolved.rules).toEqual([kept]);
    expect(resolved.missing).toEqual([{ ...requested(), direction: 'ingress' }]);
    expect(resolved.missing[0]).not.toHaveProperty('ruleId');
  });

  it('matches requests without ids by content among the group’s ingress rules (CIDR spelling aside)', async () => {
    const current = ruleOf({ groupId: GROUP, source: cidr('0.0.0.0/0') });
    const egress = ruleOf({ groupId: GROUP, direction: 'egress', ports: { from: 443, to: 443 } });
    const ec2 = new InMemoryEc2().addRules(current, egress);
    const resolved = await resolveRules(
      {
        kind: 'match',
        rules: [requested({ source: cidr('0.0.0.0/00') }), requested({ ports: { from: 443, to: 443 } })],
      },
      ec2,
    );
    expect(resolved.rules).toEqual([current]);
    expect(resolved.missing).toEqual([requested({ ports: { from: 443, to: 443 } })]);
    expect(ec2.calls.map((c) => c.action)).toEqual(['readRulesOfGroups']);
  });

  it('resolves a legacy group name first, and keeps the name on the matched rule', async () => {
    const current = ruleOf({ groupId: GROUP });
    const ec2 = new InMemoryEc2().addRules(current);
    ec2.groups.set(GROUP, { groupId: GROUP, groupName: 'launch-wizard-1', vpcId: 'vpc-0default00000001' });
    const { groupId: _, ...byName } = requested({ groupName: 'launch-wizard-1' });
    const resolved = await resolveRules({ kind: 'match', rules: [byName] }, ec2);
    expect(resolved.rules).toEqual([{ ...current, groupName: 'launch-wizard-1' }]);
    expect([...resolved.groups.keys()]).toEqual([GROUP]);
    expect(ec2.calls.map((c) => c.action)).toEqual(['findGroupsByName', 'readRulesOfGroups']);
  });

  it('reports a request for an unknown group name as missing, reading no rules', async () => {
    const ec2 = new InMemoryEc2();
    const { groupId: _, ...byName } = requested({ groupName: 'no-such-group' });
    const resolved = await resolveRules({ kind: 'match', rules: [byName] }, ec2);
    expect(resolved.missing).toEqual([byName]);
    expect(ec2.calls.map((c) => c.action)).toEqual(['findGroupsByName']);
  });

  it.each<[RequestedRule['direction'], string]>([
    ['ingress', 'ingress'],
    ['egress', 'egress'],
    ['unknown', 'ingress'],
  ])('judges a missing %s request as %s', (direction, judged) => {
    expect(toMissing(requested({ direction, ruleId: 'sgr-0000000000000cccc' }))).toEqual({
      ...requested(),
      direction: judged,
    });
  });
});
