import { describe, expect, it, vi } from 'vitest';
import { functionsFor } from '../support/event-routing.js';
import { cloudTrailEvent, loadEvent, ruleSetItem, withRuleSet } from '../support/events.js';
import { resultOf, TOPIC_ARN } from '../support/guard-process.js';
import { CALL_BUDGETS, countByAction } from '../support/minimal-calls.js';
import { attributesOf, findingsIn } from '../support/published-findings.js';
import { authorizeEvent, ruleIdsIn, seedRule } from '../support/rule-events.js';
import { SWEEP_WORLD_RULE, seedFromEvent } from '../support/seed-from-event.js';
import { setUpWire } from './wire-harness.js';

const wire = setUpWire();

const GROUP = 'sg-0a1b2c3d4e5f6a001';
const WORLD = { groupId: GROUP, ruleId: 'sgr-0aaaaaaaaaaaaaa01' };
const HTTPS = { groupId: GROUP, ruleId: 'sgr-0aaaaaaaaaaaaaa02', port: 443 };

describe('the packaged bundle, end to end against a loopback AWS endpoint', () => {
  it('revokes exactly the world-open SSH rule: it is gone from EC2, the group’s other rule stays', async () => {
    seedRule(wire.fake, WORLD);
    seedRule(wire.fake, HTTPS);
    const result = resultOf(await wire.guard.invoke(authorizeEvent('ev-e2e-1', WORLD)));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(ruleIdsIn(wire.fake)).toEqual([HTTPS.ruleId]);
    const revoke = wire.fake.calls.find((c) => c.action === 'RevokeSecurityGroupIngress');
    // By the judged permission, so EC2 removes the rule only if it still admits what was judged.
    expect(revoke?.params).toEqual({
      GroupId: GROUP,
      'IpPermissions.1.IpProtocol': 'tcp',
      'IpPermissions.1.FromPort': '22',
      'IpPermissions.1.ToPort': '22',
      'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0',
    });
  });

  it('publishes the finding to the topic with its message attributes, subject and both formats', async () => {
    seedRule(wire.fake, WORLD);
    const result = resultOf(await wire.guard.invoke(authorizeEvent('ev-e2e-2', WORLD)));
    const [message, ...more] = wire.fake.state.published;
    expect(more).toEqual([]);
    expect(message).toMatchObject({ TopicArn: TOPIC_ARN, region: 'eu-west-1', MessageStructure: 'json' });
    expect(message?.Subject).toBe(
      `[ssh-ingress-guard] REVOKED tcp/22 from 0.0.0.0/0 on ${GROUP} (123456789012/eu-west-1)`,
    );
    expect(attributesOf(message as never)).toEqual({
      severity: 'high',
      action: 'revoked',
      account: '123456789012',
      region: 'eu-west-1',
      trigger: 'AuthorizeSecurityGroupIngress',
    });
    expect(JSON.parse(message?.Message ?? '{}').email).toMatch(
      /^REVOKED \[high\] tcp\/22 from 0\.0\.0\.0\/0/m,
    );
    const [finding] = findingsIn(wire.fake.state.published);
    expect(finding).toMatchObject({
      findingId: result.findingIds?.[0],
      checkId: 'ssh-world-open',
      resource: { groupId: GROUP, ruleId: WORLD.ruleId, source: '0.0.0.0/0' },
      trigger: { eventId: 'ev-e2e-2', actorArn: 'arn:aws:iam::123456789012:user/alice' },
      action: { type: 'revoked', mode: 'revoke' },
    });
  });

  it('makes no AWS call at all for a compliant event that carries its rule set', async () => {
    const privateRule = { ...WORLD, cidr: '10.0.0.0/8' };
    seedRule(wire.fake, privateRule);
    const result = resultOf(await wire.guard.invoke(authorizeEvent('ev-e2e-3', privateRule)));
    expect(result).toMatchObject({ status: 'handled', violations: 0 });
    expect(wire.fake.calls).toEqual([]);
    expect(ruleIdsIn(wire.fake)).toEqual([WORLD.ruleId]);
  });

  it('publishes one unparsed-event finding for a handled event it cannot read, logs its id, changes nothing', async () => {
    seedRule(wire.fake, WORLD);
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      { groupId: GROUP, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22 }] } },
      withRuleSet(ruleSetItem({ groupId: GROUP, cidrIpv4: undefined })),
      { eventID: 'ev-e2e-unparsed' },
    );
    expect(resultOf(await wire.guard.invoke(event))).toMatchObject({ status: 'unparsed' });
    expect(findingsIn(wire.fake.state.published)).toMatchObject([
      { checkId: 'unparsed-event', trigger: { eventId: 'ev-e2e-unparsed' } },
    ]);
    expect(countByAction(wire.fake.calls)).toEqual({ Publish: 1 });
    expect(ruleIdsIn(wire.fake)).toEqual([WORLD.ruleId]);
    // Logs travel on stdout, replies on their own pipe: wait for the log line to arrive.
    await vi.waitFor(() =>
      expect(wire.guard.logRecords()).toContainEqual(
        expect.objectContaining({ level: 'ERROR', eventId: 'ev-e2e-unparsed' }),
      ),
    );
  });

  it('reads the entries of an AWS-managed list that is not EC2 Instance Connect, and judges them', async () => {
    const list = wire.fake.state.addPrefixList({
      PrefixListName: 'com.amazonaws.global.cloudfront.origin-facing',
      OwnerId: 'AWS',
      entries: [{ Cidr: '13.32.0.0/15' }, { Cidr: '52.46.0.0/18' }],
    });
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      { groupId: GROUP },
      withRuleSet(ruleSetItem({ groupId: GROUP, cidrIpv4: undefined, prefixListId: list })),
    );
    expect(resultOf(await wire.guard.invoke(event))).toMatchObject({ actions: { review: 1 } });
    // Its public entries stay in place: the group is read once to sum them with what it holds.
    expect(countByAction(wire.fake.calls)).toEqual({
      DescribeManagedPrefixLists: 1,
      GetManagedPrefixListEntries: 1,
      DescribeSecurityGroupRules: 1,
      Publish: 1,
    });
  });

  it('sweeps every region with the sweep bundle: the forgotten world-open rule goes, the rest stays', async () => {
    const event = loadEvent('schedule-sweep.json');
    seedFromEvent(wire.fake.state, event);
    const before = wire.fake.state.region('us-east-1').rules.size;
    const result = resultOf(await (await wire.containerOf('sweep')).invoke(event));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect([...wire.fake.state.region('eu-west-1').rules.keys()]).not.toContain(SWEEP_WORLD_RULE);
    expect(wire.fake.state.region('eu-west-1').rules.size).toBe(1);
    expect(wire.fake.state.region('us-east-1').rules.size).toBe(before);
    expect(findingsIn(wire.fake.state.published).map((f) => f.checkId)).toEqual([
      'ssh-world-open',
      'sweep-summary',
    ]);
  });

  it('sums a public half with the half its group held, on the wire: the added half goes, by its judged permission', async () => {
    const event = loadEvent('authorize-public-half-completes-slash-8.json');
    seedFromEvent(wire.fake.state, event);
    const result = resultOf(await wire.guard.invoke(event));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(ruleIdsIn(wire.fake)).toEqual(['sgr-05a1f0a1b2c3d4e11']);
    const read = wire.fake.calls.find((c) => c.action === 'DescribeSecurityGroupRules');
    expect(read?.params).toMatchObject({
      'Filter.1.Name': 'group-id',
      'Filter.1.Value.1': 'sg-0a1b2c3d4e5f60052',
    });
    expect(findingsIn(wire.fake.state.published)).toMatchObject([
      {
        checkId: 'ssh-aggregate-world-open',
        resource: { ruleId: 'sgr-05a1f0a1b2c3d4e12', source: '11.128.0.0/9' },
        action: { type: 'revoked' },
      },
    ]);
  });

  it.each(Object.entries(CALL_BUDGETS))('makes the minimal calls for %s', async (file, budget) => {
    const event = loadEvent(file);
    seedFromEvent(wire.fake.state, event);
    // The function EventBridge delivers it to; an event no pattern matches goes to the guard anyway.
    const [name = 'guard'] = functionsFor(event);
    const invocation = await (await wire.containerOf(name)).invoke(event);
    expect(invocation.ok).toBe(true);
    expect(countByAction(wire.fake.calls)).toEqual(budget.measured ?? budget.minimum);
  });
});
