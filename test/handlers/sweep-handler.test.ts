import {
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeSweepHandler } from '../../functions/handlers/sweep-handler.js';
import { silentLog } from '../../functions/log.js';
import { loadEvent } from '../support/events.js';
import { parsePublished } from '../support/finding-schema.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { describedSshRule, ruleOf } from '../support/policy.js';
import { configWith, sdkHandlerDeps } from '../support/sdk-handler-deps.js';

const ec2Mock = mockClient(EC2Client);
const snsMock = mockClient(SNSClient);

/** The real sweep handler and SDK adapters; one client per region, only the transport is mocked. */
const handlerWith = (env: Record<string, string> = {}) =>
  makeSweepHandler(configWith(env), sdkHandlerDeps().deps, silentLog);

const rule = describedSshRule;

describe('the scheduled sweep handler (real adapters, mocked transport)', () => {
  beforeEach(() => {
    ec2Mock.reset();
    snsMock.reset();
    snsMock.on(PublishCommand).resolves({ MessageId: 'm' });
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
  });

  it('makes exactly the Describe pages per region plus one revoke per violating group, and one publish each', async () => {
    ec2Mock.on(DescribeRegionsCommand).resolves({
      Regions: [{ RegionName: 'eu-west-1' }, { RegionName: 'us-east-1' }],
    });
    // 2,500 rules per region (3 pages); rule 7 of each region is world-open.
    const all = Array.from({ length: 2500 }, (_, i) => rule(i, i === 7 ? '0.0.0.0/0' : '10.0.0.0/8'));
    ec2Mock.on(DescribeSecurityGroupRulesCommand).callsFake((input: { NextToken?: string }) => {
      const start = Number(input.NextToken ?? 0);
      const end = Math.min(start + 1000, all.length);
      return {
        SecurityGroupRules: all.slice(start, end),
        ...(end < all.length ? { NextToken: String(end) } : {}),
      };
    });
    const result = await handlerWith()(loadEvent('schedule-sweep.json'));
    expect(result).toMatchObject({
      status: 'handled',
      eventId: '1e9101f1-5fac-4f10-bbae-3345760fefe0',
      regions: 2,
      regionsFailed: [],
      rulesEvaluated: 5000,
      violations: 2,
      actions: { revoked: 2 },
      published: 3,
    });
    expect(ec2Mock.commandCalls(DescribeRegionsCommand)).toHaveLength(1);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupRulesCommand)).toHaveLength(6);
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input)).toEqual([
      { GroupId: 'sg-00000000000000000', SecurityGroupRuleIds: ['sgr-00000000000000007'] },
      { GroupId: 'sg-00000000000000000', SecurityGroupRuleIds: ['sgr-00000000000000007'] },
    ]);
    expect(ec2Mock.calls()).toHaveLength(1 + 6 + 2);
    const summary = parsePublished(snsMock.commandCalls(PublishCommand)[2]?.args[0].input.Message ?? '');
    const details = (summary.default.findings as { resource: { details: Record<string, never> } }[])[0]
      ?.resource.details as unknown as { regions: { region: string; apiCalls: number; groups: number }[] };
    expect(details.regions.map((r) => [r.region, r.apiCalls, r.groups])).toEqual([
      ['eu-west-1', 4, 250],
      ['us-east-1', 4, 250],
    ]);
  });

  it('ignores anything but a scheduled event, without an AWS call', async () => {
    const result = await handlerWith()(loadEvent('authorize-world-ipv4-ssh.json'));
    expect(result.status).toBe('ignored');
    expect(ec2Mock.calls().length + snsMock.calls().length).toBe(0);
  });
});

describe('the sweep handler on in-memory ports', () => {
  it('sweeps the sample schedule event and publishes a summary that names the sweep', async () => {
    const { deps, ec2For, publisher } = inMemoryDeps();
    ec2For('eu-west-1').regions = ['eu-west-1'];
    ec2For('eu-west-1').addRules(ruleOf());
    const result = await makeSweepHandler(configWith(), deps, silentLog)(loadEvent('schedule-sweep.json'));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 }, published: 2 });
    // A sweep saw the rule, not who made it: the email says so instead of "unknown principal".
    expect(JSON.parse(publisher.messages[0]?.message ?? '{}').email).toMatch(
      /\n {2}found by the scheduled sweep \(2025-03-12T03:00:00Z\)\n/,
    );
    const [, summary] = publisher.documents();
    expect(summary?.findings[0]).toMatchObject({
      checkId: 'sweep-summary',
      severity: 'info',
      trigger: {
        kind: 'schedule',
        eventName: 'Scheduled Event',
        eventId: '1e9101f1-5fac-4f10-bbae-3345760fefe0',
      },
    });
  });
});
