import {
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet, worldSshRequest } from '../support/events.js';
import { parsePublished } from '../support/finding-schema.js';
import { configWith, sdkHandlerDeps, TOPIC } from '../support/sdk-handler-deps.js';

const ec2Mock = mockClient(EC2Client);
const snsMock = mockClient(SNSClient);

/** The real handler with the real SDK adapters; only the clients underneath are mocked. */
const handlerWith = (env: Record<string, string> = {}) =>
  makeGuardHandler(configWith(env), sdkHandlerDeps().deps, silentLog);

const totalCalls = () => ec2Mock.calls().length + snsMock.calls().length;

describe('AWS calls per event (SPEC §5: minimal calls)', () => {
  beforeEach(() => {
    ec2Mock.reset();
    snsMock.reset();
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  });

  it('makes no AWS call at all for a compliant event that carries its rule set', async () => {
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(),
      withRuleSet(ruleSetItem({ cidrIpv4: '10.0.0.0/8' })),
    );
    await expect(handlerWith()(event)).resolves.toMatchObject({ status: 'handled', violations: 0 });
    expect(totalCalls()).toBe(0);
  });

  it('makes exactly one revoke (by rule id) and one publish for a violating event with its rule set', async () => {
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(),
      withRuleSet(ruleSetItem()),
    );
    await expect(handlerWith()(event)).resolves.toMatchObject({
      status: 'handled',
      violations: 1,
      actions: { revoked: 1 },
    });
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input)).toEqual([
      { GroupId: 'sg-0a1b2c3d4e5f60001', SecurityGroupRuleIds: ['sgr-0123456789abcdef0'] },
    ]);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(totalCalls()).toBe(2);
    const publish = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(publish).toMatchObject({ TopicArn: TOPIC, MessageStructure: 'json' });
    expect(publish?.MessageAttributes?.action).toEqual({ DataType: 'String', StringValue: 'revoked' });
    parsePublished(publish?.Message ?? '');
  });

  it('revokes several violating rules of one group in one call', async () => {
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(),
      withRuleSet(
        ruleSetItem(),
        ruleSetItem({ securityGroupRuleId: 'sgr-0123456789abcdef1', cidrIpv4: undefined, cidrIpv6: '::/0' }),
        ruleSetItem({ securityGroupRuleId: 'sgr-0123456789abcdef2', cidrIpv4: '10.0.0.0/8' }),
      ),
    );
    await handlerWith()(event);
    const revokes = ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand);
    expect(revokes).toHaveLength(1);
    expect(revokes[0]?.args[0].input.SecurityGroupRuleIds).toEqual([
      'sgr-0123456789abcdef0',
      'sgr-0123456789abcdef1',
    ]);
    expect(totalCalls()).toBe(2);
  });

  it('reads the group once for a pre-2021 record without a rule set, then revokes and publishes', async () => {
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        {
          SecurityGroupRuleId: 'sgr-0aaaaaaaaaaaaaaa1',
          GroupId: 'sg-0a1b2c3d4e5f60001',
          IsEgress: false,
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          CidrIpv4: '0.0.0.0/0',
        },
        {
          SecurityGroupRuleId: 'sgr-0aaaaaaaaaaaaaaa2',
          GroupId: 'sg-0a1b2c3d4e5f60001',
          IsEgress: true,
          IpProtocol: '-1',
          CidrIpv4: '0.0.0.0/0',
        },
      ],
    });
    const event = cloudTrailEvent('AuthorizeSecurityGroupIngress', worldSshRequest(), {
      requestId: 'r',
      _return: true,
    });
    await expect(handlerWith()(event)).resolves.toMatchObject({ actions: { revoked: 1 } });
    expect(ec2Mock.commandCalls(DescribeSecurityGroupRulesCommand).map((c) => c.args[0].input)).toEqual([
      {
        Filters: [{ Name: 'group-id', Values: ['sg-0a1b2c3d4e5f60001'] }],
        MaxResults: 1000,
        NextToken: undefined,
      },
    ]);
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: 'sg-0a1b2c3d4e5f60001',
      SecurityGroupRuleIds: ['sgr-0aaaaaaaaaaaaaaa1'],
    });
    expect(totalCalls()).toBe(3);
  });

  it('resolves a group named instead of identified in the default VPC, then matches', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [{ GroupId: 'sg-0b0b0b0b0b0b0b0b0', GroupName: 'launch-wizard-1', VpcId: 'vpc-1' }],
    });
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        {
          SecurityGroupRuleId: 'sgr-0bbbbbbbbbbbbbbb1',
          GroupId: 'sg-0b0b0b0b0b0b0b0b0',
          IsEgress: false,
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          CidrIpv4: '0.0.0.0/0',
        },
      ],
    });
    const request = { groupName: 'launch-wizard-1', ipPermissions: worldSshRequest().ipPermissions };
    const result = await handlerWith()(
      cloudTrailEvent('AuthorizeSecurityGroupIngress', request, { _return: true }),
    );
    expect(result).toMatchObject({ actions: { revoked: 1 } });
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input).toEqual({
      GroupNames: ['launch-wizard-1'],
    });
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input.GroupId).toBe(
      'sg-0b0b0b0b0b0b0b0b0',
    );
  });

  it('changes nothing in report mode: one publish saying would-revoke', async () => {
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(),
      withRuleSet(ruleSetItem()),
    );
    await expect(handlerWith({ REMEDIATION_MODE: 'report' })(event)).resolves.toMatchObject({
      actions: { 'would-revoke': 1 },
    });
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it.each(['InvalidSecurityGroupRuleId.NotFound', 'InvalidGroup.NotFound'])(
    'treats %s on revoke as already gone',
    async (code) => {
      ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(Object.assign(new Error('gone'), { name: code }));
      const event = cloudTrailEvent(
        'AuthorizeSecurityGroupIngress',
        worldSshRequest(),
        withRuleSet(ruleSetItem()),
      );
      await expect(handlerWith()(event)).resolves.toMatchObject({ actions: { 'already-gone': 1 } });
    },
  );

  it('learns which rule vanished when one of several ids is not found', async () => {
    // EC2 fails the whole call when any id is unknown; only sgr-...f0 still exists.
    ec2Mock.on(RevokeSecurityGroupIngressCommand).callsFake((input: { SecurityGroupRuleIds: string[] }) => {
      if (input.SecurityGroupRuleIds.includes('sgr-0123456789abcdef1')) {
        throw Object.assign(new Error('gone'), { name: 'InvalidSecurityGroupRuleId.NotFound' });
      }
      return { Return: true };
    });
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(),
      withRuleSet(
        ruleSetItem(),
        ruleSetItem({ securityGroupRuleId: 'sgr-0123456789abcdef1', cidrIpv4: '0.0.0.0/1' }),
      ),
    );
    await expect(handlerWith()(event)).resolves.toMatchObject({ actions: { revoked: 1, 'already-gone': 1 } });
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(3);
  });

  it('publishes a critical failed finding with the AWS error code when revoke is denied, and does not throw', async () => {
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .rejects(Object.assign(new Error('blocked by SCP'), { name: 'UnauthorizedOperation' }));
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(),
      withRuleSet(ruleSetItem()),
    );
    await expect(handlerWith()(event)).resolves.toMatchObject({ actions: { failed: 1 } });
    const publish = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(publish?.MessageAttributes?.severity?.StringValue).toBe('critical');
    const finding = (parsePublished(publish?.Message ?? '').default.findings as Record<string, never>[])[0];
    expect(finding).toMatchObject({
      severity: 'critical',
      action: { type: 'failed', error: { code: 'UnauthorizedOperation', message: 'blocked by SCP' } },
    });
  });

  it('throws when SNS publish fails, so Lambda retries and the DLQ catches it', async () => {
    snsMock.on(PublishCommand).rejects(Object.assign(new Error('down'), { name: 'InternalError' }));
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(),
      withRuleSet(ruleSetItem()),
    );
    await expect(handlerWith()(event)).rejects.toThrow(/publishing 1 finding\(s\) failed/);
  });

  it('publishes one unparsed-event finding for a handled event it cannot understand, and revokes nothing', async () => {
    const request = {
      groupId: 'sg-0a1b2c3d4e5f60001',
      ipPermissions: { items: [{ ipProtocol: 'ssh', ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] },
    };
    const result = await handlerWith()(
      cloudTrailEvent('AuthorizeSecurityGroupIngress', request, { _return: true }),
    );
    expect(result).toMatchObject({ status: 'unparsed', eventId: '9e8d7c6b-0000-4000-8000-000000000003' });
    expect(ec2Mock.calls()).toHaveLength(0);
    const publish = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    const finding = (parsePublished(publish?.Message ?? '').default.findings as Record<string, unknown>[])[0];
    expect(finding).toMatchObject({
      checkId: 'unparsed-event',
      severity: 'high',
      action: { type: 'reported' },
    });
  });
});
