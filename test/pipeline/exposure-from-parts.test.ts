import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import type { CurrentRule } from '../../functions/core/model/rule.js';
import type { RuleSelection } from '../../functions/core/model/selection.js';
import type { DecisionSettings } from '../../functions/core/remediation/facts.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { createEicListCache } from '../../functions/pipeline/eic-list-cache.js';
import { gatherFacts } from '../../functions/pipeline/gather.js';
import { cloudTrailEvent, loadEvent, ruleSetItem, withRuleSet } from '../support/events.js';
import { InMemoryEc2, inMemoryDeps } from '../support/in-memory-aws.js';
import { cidr, NOW, policyOf, REGION, ruleOf } from '../support/policy.js';
import { seedForEvent } from '../support/sample-world.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const GROUP = 'sg-0a1b2c3d4e5f60001';
const VENDORS = 'pl-0a1b2c3d4e5f60077';
const rule = (id: string, source: CurrentRule['source'], extra: Partial<CurrentRule> = {}) =>
  ruleOf({ groupId: GROUP, ruleId: `sgr-0000000000000${id}`, source, ...extra });
const LOW = rule('a001', cidr('11.0.0.0/9'));
const HIGH = rule('a002', cidr('11.128.0.0/9'));

const settingsOf = (
  policy: Parameters<typeof policyOf>[0] = {},
  mode: DecisionSettings['mode'] = 'revoke',
): DecisionSettings => ({ mode, policy: policyOf(policy) });

async function gather(ec2: InMemoryEc2, selection: RuleSelection, settings = settingsOf()) {
  return gatherFacts(selection, [], REGION, settings, NOW, { ec2, eicLists: createEicListCache() });
}

describe('exposure built from parts in one event: what gathering reads', () => {
  it.each<[string, CurrentRule[], CurrentRule[], string[]]>([
    ['a compliant rule set', [rule('a003', cidr('10.0.0.0/8'))], [], []],
    ['a world-open rule set (the fast path)', [rule('a004', cidr('0.0.0.0/0'))], [], []],
    [
      'a public source on another port',
      [rule('a005', cidr('11.0.0.0/9'), { ports: { from: 443, to: 443 } })],
      [],
      [],
    ],
    ['one public /9', [HIGH], [LOW], ['readRulesOfGroups']],
    ['two public halves in one event', [LOW, HIGH], [], ['readRulesOfGroups']],
  ])('%s: reads %j', async (_name, event, held, calls) => {
    const ec2 = new InMemoryEc2().addRules(...held, ...event);
    await gather(ec2, { kind: 'rules', rules: event });
    expect(ec2.calls.map((c) => c.action)).toEqual(calls);
  });

  it('reads the group once, by id, and hands the decision every rule it holds', async () => {
    const egress = rule('a006', cidr('0.0.0.0/0'), { direction: 'egress', ports: { from: 0, to: 65535 } });
    const ec2 = new InMemoryEc2().addRules(LOW, HIGH, egress);
    const { facts } = await gather(ec2, { kind: 'rules', rules: [HIGH] });
    expect(ec2.calls).toEqual([{ action: 'readRulesOfGroups', args: [GROUP] }]);
    expect(facts.groupRules?.get(GROUP)?.map((r) => r.ruleId)).toEqual([
      LOW.ruleId,
      HIGH.ruleId,
      egress.ruleId,
    ]);
  });

  it('uses the read that matched an old record’s rules: no second read', async () => {
    const ec2 = new InMemoryEc2().addRules(LOW, HIGH);
    const { ruleId: _, ...requested } = HIGH;
    const { facts } = await gather(ec2, { kind: 'match', rules: [requested] });
    expect(ec2.calls.map((c) => c.action)).toEqual(['readRulesOfGroups']);
    expect(facts.groupRules?.get(GROUP)).toHaveLength(2);
  });

  it('reads the prefix lists the group’s rules reference, whose public entries count in the sum', async () => {
    const listed = rule('b001', { kind: 'prefix-list', prefixListId: VENDORS });
    const ec2 = new InMemoryEc2().addRules(listed, HIGH);
    ec2.prefixLists.set(VENDORS, { id: VENDORS, ownerId: '123456789012', entries: ['11.0.0.0/9'] });
    const { facts } = await gather(ec2, { kind: 'rules', rules: [HIGH] });
    expect(ec2.calls).toEqual([
      { action: 'readRulesOfGroups', args: [GROUP] },
      { action: 'readPrefixLists', args: [VENDORS] },
    ]);
    expect(facts.prefixLists.get(VENDORS)?.entries).toEqual(['11.0.0.0/9']);
  });

  it('reads the group, then its tags, then the EIC lists, each once, and stops', async () => {
    const ec2 = new InMemoryEc2().addRules(LOW, HIGH);
    ec2.eicPrefixLists = { ipv4: 'pl-0eic4' };
    await gather(
      ec2,
      { kind: 'rules', rules: [HIGH] },
      settingsOf({ honorExemptTag: true }, 'replace-with-eic'),
    );
    expect(ec2.calls.map((c) => c.action)).toEqual([
      'readRulesOfGroups',
      'readGroupTags',
      'findEicPrefixLists',
    ]);
  });
});

async function handle(event: unknown, seed: (ec2: InMemoryEc2) => void, env: Record<string, string> = {}) {
  const { deps, ec2For, publisher } = inMemoryDeps();
  const ec2 = ec2For('eu-west-1');
  seed(ec2);
  const result = await makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC, ...env }), deps, silentLog)(event);
  const findings = publisher.documents().flatMap((d) => d.findings);
  return { result, findings, ec2, messages: publisher.messages.length };
}

const authorize = (...items: CurrentRule[]) =>
  cloudTrailEvent(
    'AuthorizeSecurityGroupIngress',
    { groupId: GROUP },
    withRuleSet(
      ...items.map((r) =>
        ruleSetItem({
          groupId: GROUP,
          securityGroupRuleId: r.ruleId,
          cidrIpv4: 'cidr' in r.source ? r.source.cidr : '',
        }),
      ),
    ),
  );

describe('exposure built from parts in one event: the guard end to end', () => {
  it('the sample with two public halves of a /8: one half revoked, the other reported for review', async () => {
    const { result, findings, ec2 } = await handle(
      loadEvent('authorize-public-halves-of-slash-8.json'),
      (ec2) => seedForEvent(loadEvent('authorize-public-halves-of-slash-8.json'), ec2),
    );
    expect(result).toMatchObject({ violations: 1, actions: { revoked: 1, review: 1 } });
    expect(findings.map((f) => [f.checkId, f.resource.source, f.action.type])).toEqual([
      ['ssh-aggregate-world-open', '11.0.0.0/9', 'revoked'],
      ['ssh-public-source', '11.128.0.0/9', 'review'],
    ]);
    expect([...ec2.rules.values()].map((r) => describeSource(r))).toEqual(['11.128.0.0/9']);
    expect(ec2.calls.map((c) => c.action)).toEqual(['readRulesOfGroups', 'revokeIngress']);
  });

  it('the sample completing a /8 with the half the group held: the added half goes, the held one stays unreported', async () => {
    const event = loadEvent('authorize-public-half-completes-slash-8.json');
    const { result, findings, ec2 } = await handle(event, (ec2) => seedForEvent(event, ec2));
    expect(result).toMatchObject({ violations: 1, actions: { revoked: 1 } });
    expect(findings.map((f) => [f.checkId, f.resource.source, f.action.type])).toEqual([
      ['ssh-aggregate-world-open', '11.128.0.0/9', 'revoked'],
    ]);
    expect(findings[0]?.title).toBe('SSH open to the internet through several rules together');
    expect([...ec2.rules.values()].map((r) => describeSource(r))).toEqual(['11.0.0.0/9']);
  });

  it('never revokes on stale content: the added half edited to a /32 before delivery stays, and so does the held half', async () => {
    const { result, ec2 } = await handle(authorize(HIGH), (ec2) =>
      ec2.addRules(LOW, { ...HIGH, source: cidr('198.51.100.7/32') }),
    );
    expect(result).toMatchObject({ violations: 0, actions: { review: 1 } });
    expect(ec2.rules.size).toBe(2);
    expect(ec2.callCount('revokeIngress')).toBe(0);
  });

  it('revokes a held rule only when the event’s own are not enough, in the same revoke call', async () => {
    // The group already held a world-sized union (two /9s) that no sweep had closed yet; the event's
    // /13 lies inside one of them, so removing it is not enough and the broadest held rule goes too.
    const { findings, ec2 } = await handle(
      authorize(rule('a007', cidr('11.200.0.0/13')), rule('a008', cidr('0.0.0.0/0'))),
      (ec2) =>
        ec2.addRules(
          rule('b002', cidr('11.0.0.0/9')),
          rule('a007', cidr('11.200.0.0/13')),
          rule('a008', cidr('0.0.0.0/0')),
          rule('b003', cidr('11.128.0.0/9')),
        ),
    );
    expect(findings.map((f) => [f.resource.ruleId, f.checkId, f.action.type])).toEqual([
      ['sgr-0000000000000a007', 'ssh-aggregate-world-open', 'revoked'],
      ['sgr-0000000000000a008', 'ssh-world-open', 'revoked'],
      ['sgr-0000000000000b002', 'ssh-aggregate-world-open', 'revoked'],
    ]);
    expect(ec2.callCount('revokeIngress')).toBe(1);
  });

  it('revokes the event’s own rule, not the broader one the group held for months, when that is enough', async () => {
    const { findings } = await handle(authorize(rule('a007', cidr('11.0.0.0/10'))), (ec2) =>
      ec2.addRules(
        rule('b002', cidr('11.128.0.0/9')),
        rule('b003', cidr('11.64.0.0/10')),
        rule('a007', cidr('11.0.0.0/10')),
      ),
    );
    expect(findings.map((f) => [f.resource.ruleId, f.checkId, f.action.type])).toEqual([
      ['sgr-0000000000000a007', 'ssh-aggregate-world-open', 'revoked'],
    ]);
    expect(findings[0]?.summary).toContain('what this event added first');
  });

  it('sums a rule rewritten to a public half (ModifySecurityGroupRules) with the half its group held', async () => {
    const event = cloudTrailEvent('ModifySecurityGroupRules', {
      ModifySecurityGroupRulesRequest: {
        GroupId: GROUP,
        SecurityGroupRule: {
          SecurityGroupRuleId: HIGH.ruleId,
          SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '11.128.0.0/9' },
        },
      },
    });
    const { findings, ec2 } = await handle(event, (ec2) => ec2.addRules(LOW, HIGH));
    expect(findings.map((f) => [f.resource.ruleId, f.checkId, f.action.type])).toEqual([
      [HIGH.ruleId, 'ssh-aggregate-world-open', 'revoked'],
    ]);
    expect(ec2.calls.map((c) => c.action)).toEqual(['readRulesById', 'readRulesOfGroups', 'revokeIngress']);
  });

  it('leaves the sum’s revocation to the group’s exempt tag when the policy honours it', async () => {
    const { findings, ec2 } = await handle(
      authorize(HIGH),
      (ec2) => {
        ec2.addRules(LOW, HIGH);
        ec2.groupTags.set(GROUP, { 'ssh-ingress-guard:exempt': 'partner bastion' });
      },
      { HONOR_EXEMPT_TAG: 'true' },
    );
    expect(findings.map((f) => [f.checkId, f.action.type])).toEqual([
      ['ssh-aggregate-world-open', 'exempted'],
    ]);
    expect(ec2.calls.map((c) => c.action)).toEqual(['readRulesOfGroups', 'readGroupTags']);
    expect(ec2.rules.size).toBe(2);
  });

  it('changes nothing in report mode and says would-revoke', async () => {
    const event = loadEvent('authorize-public-half-completes-slash-8.json');
    const { findings, ec2 } = await handle(event, (ec2) => seedForEvent(event, ec2), {
      REMEDIATION_MODE: 'report',
    });
    expect(findings.map((f) => f.action.type)).toEqual(['would-revoke']);
    expect(ec2.rules.size).toBe(2);
  });
});

const describeSource = (r: CurrentRule) => ('cidr' in r.source ? r.source.cidr : r.source.kind);
