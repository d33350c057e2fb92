import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEc2Port } from '../../functions/adapters/ec2-adapter.js';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet, worldSshRequest } from '../support/events.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';
import { InMemoryPublisher } from '../support/in-memory-aws.js';

// The real adapter over the EC2 query protocol against the loopback fake, which applies calls
// with EC2's all-or-nothing authorize, duplicate and quota rules: what a group holds afterwards.

let fake: FakeAws;
let client: EC2Client;

beforeAll(async () => {
  fake = await startFakeAws();
  client = new EC2Client({
    region: 'eu-west-1',
    endpoint: fake.url,
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await fake.close();
});
beforeEach(() => fake.reset());

function guard(mode: string) {
  const publisher = new InMemoryPublisher();
  const handler = makeGuardHandler(
    loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings', REMEDIATION_MODE: mode }),
    {
      ec2For: () => createEc2Port(client, silentLog),
      publisher,
      now: () => new Date('2026-11-21T10:00:00Z'),
    },
    silentLog,
  );
  return { handler, publisher };
}

/** A group holding one world-open all-traffic rule (plus `others` unrelated rules), and its event. */
function groupWithAllTraffic(others = 0) {
  const { GroupId } = fake.state.addGroup();
  for (let i = 0; i < others; i++)
    fake.state.addRule({
      GroupId,
      IpProtocol: 'tcp',
      FromPort: 10000 + i,
      ToPort: 10000 + i,
      CidrIpv4: '10.0.0.0/8',
    });
  const ruleId = fake.state.addRule({
    GroupId,
    IpProtocol: '-1',
    FromPort: -1,
    ToPort: -1,
    CidrIpv4: '0.0.0.0/0',
    Description: 'ops',
  });
  const event = cloudTrailEvent(
    'AuthorizeSecurityGroupIngress',
    worldSshRequest(GroupId),
    withRuleSet(
      ruleSetItem({
        groupId: GroupId,
        securityGroupRuleId: ruleId,
        ipProtocol: '-1',
        fromPort: -1,
        toPort: -1,
        description: 'ops',
      }),
    ),
  );
  return { GroupId, ruleId, event };
}

const shape = (groupId: string) =>
  fake.state
    .rulesOf(groupId)
    .filter((r) => !r.CidrIpv4?.startsWith('10.'))
    .map((r) =>
      `${r.IpProtocol} ${r.FromPort}-${r.ToPort} ${r.CidrIpv4 ?? r.PrefixListId} ${r.Description ?? ''}`.trim(),
    );

describe('narrow and replace against an EC2-protocol fake', () => {
  it('narrows an all-traffic rule: the group ends with everything but SSH, description kept', async () => {
    const { handler } = guard('narrow');
    const { GroupId, event } = groupWithAllTraffic();
    await expect(handler(event)).resolves.toMatchObject({ actions: { narrowed: 1 } });
    expect(shape(GroupId)).toEqual([
      'tcp 0-21 0.0.0.0/0 ops',
      'tcp 23-65535 0.0.0.0/0 ops',
      'udp 0-65535 0.0.0.0/0 ops',
      'icmp -1--1 0.0.0.0/0 ops',
    ]);
    expect(fake.calls.map((c) => c.action)).toEqual([
      'RevokeSecurityGroupIngress',
      'AuthorizeSecurityGroupIngress',
    ]);
  });

  it('revokes entirely when the group has no room for the narrower rules (quota of 60)', async () => {
    const { handler, publisher } = guard('narrow');
    const { GroupId, event } = groupWithAllTraffic(57);
    await expect(handler(event)).resolves.toMatchObject({ actions: { revoked: 1 } });
    expect(shape(GroupId)).toEqual([]);
    expect(fake.state.rulesOf(GroupId)).toHaveLength(57);
    expect(publisher.documents()[0]?.findings[0]?.action.note).toMatch(
      /^narrowing failed \(RulesPerSecurityGroupLimitExceeded\), rule revoked entirely/,
    );
  });

  it('replaces with tcp/22 from the region’s EIC list, found by name', async () => {
    const eic = fake.state.addEicPrefixList();
    const { handler, publisher } = guard('replace-with-eic');
    const { GroupId, event } = groupWithAllTraffic();
    await expect(handler(event)).resolves.toMatchObject({ actions: { replaced: 1 } });
    expect(shape(GroupId)).toEqual([`tcp 22-22 ${eic} EC2 Instance Connect (added by ssh-ingress-guard)`]);
    const changes = publisher.documents()[0]?.findings[0]?.action.changes;
    expect(changes?.[1]?.ruleIds).toEqual(fake.state.rulesOf(GroupId).map((r) => r.SecurityGroupRuleId));
  });

  it('redelivered, changes nothing more: the wide rule is gone, so nothing is added again', async () => {
    const { handler, publisher } = guard('narrow');
    const { GroupId, event } = groupWithAllTraffic();
    await handler(event);
    const after = shape(GroupId);
    const callsBefore = fake.calls.length;
    await expect(handler(event)).resolves.toMatchObject({ actions: { 'already-gone': 1 } });
    expect(shape(GroupId)).toEqual(after);
    expect(fake.calls.slice(callsBefore).map((c) => c.action)).not.toContain('AuthorizeSecurityGroupIngress');
    expect(publisher.documents()[1]?.findings[0]?.action).toMatchObject({
      changes: [{ outcome: 'already-gone' }],
    });
  });

  it('adds nothing to a group whose wide rule was fixed before the event arrived (stale event)', async () => {
    const { handler } = guard('narrow');
    const { GroupId, ruleId, event } = groupWithAllTraffic();
    // The engineer narrowed the rule to one address with the console's Edit (the rule id stays).
    const rules = fake.state.region().rules;
    rules.set(ruleId, {
      ...(rules.get(ruleId) as NonNullable<ReturnType<typeof rules.get>>),
      CidrIpv4: '203.0.113.9/32',
    });
    const before = fake.state.rulesOf(GroupId).map((r) => ({ ...r }));
    await expect(handler(event)).resolves.toMatchObject({ actions: { 'already-gone': 1 } });
    expect(fake.state.rulesOf(GroupId)).toEqual(before);
  });
});
