import { describe, expect, it } from 'vitest';
import type { DecisionSettings } from '../../functions/core/remediation/facts.js';
import { createEicListCache } from '../../functions/pipeline/eic-list-cache.js';
import { gatherFacts } from '../../functions/pipeline/gather.js';
import { InMemoryEc2 } from '../support/in-memory-aws.js';
import { cidr, NOW, policyOf, REGION, ruleOf } from '../support/policy.js';

const GROUP = 'sg-0a1b2c3d4e5f60001';
const PARTNERS = 'pl-0a1b2c3d4e5f60077';
const settingsOf = (
  mode: DecisionSettings['mode'] = 'revoke',
  policy: Parameters<typeof policyOf>[0] = {},
): DecisionSettings => ({ mode, policy: policyOf(policy) });

async function gather(ec2: InMemoryEc2, settings: DecisionSettings, rules = [...ec2.rules.values()]) {
  return gatherFacts({ kind: 'rules', rules }, [], REGION, settings, NOW, {
    ec2,
    eicLists: createEicListCache(),
  });
}

describe('gathering what the decision needs, before it is made', () => {
  it('reads nothing for a compliant rule set, whatever the mode and tag setting', async () => {
    for (const mode of ['revoke', 'narrow', 'replace-with-eic', 'report'] as const) {
      const ec2 = new InMemoryEc2().addRules(ruleOf({ source: cidr('10.0.0.0/8') }));
      const { facts } = await gather(ec2, settingsOf(mode, { honorExemptTag: true }));
      expect(facts.groupTags).toBeUndefined();
      expect(facts.eic).toBeUndefined();
      expect(ec2.callCount()).toBe(0);
    }
  });

  it('reads group tags once, only for groups with a rule that would be remediated', async () => {
    const ec2 = new InMemoryEc2().addRules(
      ruleOf({ groupId: GROUP }),
      ruleOf({ groupId: 'sg-0a1b2c3d4e5f60002', source: cidr('10.0.0.0/8') }),
    );
    ec2.groupTags.set(GROUP, { 'ssh-ingress-guard:exempt': 'bastion' });
    const { facts } = await gather(ec2, settingsOf('revoke', { honorExemptTag: true }));
    expect(ec2.calls).toEqual([{ action: 'readGroupTags', args: [GROUP] }]);
    expect(facts.groupTags?.get(GROUP)).toEqual({ 'ssh-ingress-guard:exempt': 'bastion' });
  });

  it('does not read tags when the policy does not honour the exempt tag', async () => {
    const ec2 = new InMemoryEc2().addRules(ruleOf());
    await gather(ec2, settingsOf('revoke'));
    expect(ec2.callCount('readGroupTags')).toBe(0);
  });

  it('looks up the EIC lists only in replace mode, and only when a rule is about to be revoked', async () => {
    const world = new InMemoryEc2().addRules(ruleOf());
    world.eicPrefixLists = { ipv4: 'pl-0eic4' };
    const { facts } = await gather(world, settingsOf('replace-with-eic'));
    expect(facts.eic).toEqual({ region: REGION, ipv4: 'pl-0eic4' });
    expect(world.calls.map((c) => c.action)).toEqual(['findEicPrefixLists']);
    const revokeMode = new InMemoryEc2().addRules(ruleOf());
    await gather(revokeMode, settingsOf('revoke'));
    expect(revokeMode.callCount()).toBe(0);
  });

  it('does not look up the EIC lists when the group tag exempts the only violating rule', async () => {
    const ec2 = new InMemoryEc2().addRules(ruleOf({ groupId: GROUP }));
    ec2.groupTags.set(GROUP, { 'ssh-ingress-guard:exempt': 'bastion' });
    await gather(ec2, settingsOf('replace-with-eic', { honorExemptTag: true }));
    expect(ec2.calls.map((c) => c.action)).toEqual(['readGroupTags']);
  });

  it('reads each referenced prefix list once, only for ingress rules that can carry a watched port', async () => {
    const source = { kind: 'prefix-list', prefixListId: PARTNERS } as const;
    const ec2 = new InMemoryEc2().addRules(
      ruleOf({ source }),
      ruleOf({ source }),
      ruleOf({ source: { kind: 'prefix-list', prefixListId: 'pl-0000000000000e9e5' }, direction: 'egress' }),
      ruleOf({
        source: { kind: 'prefix-list', prefixListId: 'pl-00000000000000443' },
        ports: { from: 443, to: 443 },
      }),
    );
    ec2.prefixLists.set(PARTNERS, { id: PARTNERS, ownerId: '123456789012', entries: ['10.0.0.0/8'] });
    const { facts } = await gather(ec2, settingsOf());
    expect(ec2.calls).toEqual([{ action: 'readPrefixLists', args: [PARTNERS] }]);
    expect([...facts.prefixLists.keys()]).toEqual([PARTNERS]);
  });

  it('knows an EIC list already looked up without reading it: the guard’s own replacement costs no call', async () => {
    const ec2 = new InMemoryEc2();
    ec2.eicPrefixLists = { ipv4: 'pl-0eic4' };
    const eicLists = createEicListCache();
    await eicLists.lookup(REGION, ec2);
    const replacement = ruleOf({ source: { kind: 'prefix-list', prefixListId: 'pl-0eic4' } });
    const before = ec2.callCount();
    const { facts } = await gatherFacts(
      { kind: 'rules', rules: [replacement] },
      [],
      REGION,
      settingsOf('replace-with-eic'),
      NOW,
      { ec2, eicLists },
    );
    expect(ec2.callCount()).toBe(before);
    expect(facts.prefixLists.get('pl-0eic4')).toMatchObject({ ownerId: 'AWS' });
  });
});
