import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeManagedPrefixListsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEc2Port } from '../../functions/adapters/ec2-adapter.js';
import { silentLog } from '../../functions/log.js';
import { describedSshRule } from '../support/policy.js';

const ec2Mock = mockClient(EC2Client);
const port = () => createEc2Port(new EC2Client({ region: 'eu-west-1' }), silentLog);
const GROUP = 'sg-0a1b2c3d4e5f60001';
const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });
const input = (command: Parameters<typeof ec2Mock.commandCalls>[0]) =>
  ec2Mock.commandCalls(command).map((c) => c.args[0].input);

describe('the EC2 adapter: rules', () => {
  beforeEach(() => ec2Mock.reset());

  it('reads the rules of groups with a group-id filter, 200 values a call, every page', async () => {
    ec2Mock
      .on(DescribeSecurityGroupRulesCommand)
      .callsFake((i: { NextToken?: string }) =>
        i.NextToken
          ? { SecurityGroupRules: [describedSshRule(2)] }
          : { SecurityGroupRules: [describedSshRule(1)], NextToken: 't' },
      );
    const groups = Array.from({ length: 201 }, (_, i) => `sg-${i.toString(16).padStart(17, '0')}`);
    const rules = await port().readRulesOfGroups(groups);
    expect(rules.map((r) => r.ruleId)).toHaveLength(4);
    expect(
      input(DescribeSecurityGroupRulesCommand).map((i) => [i.Filters?.[0]?.Values?.length, i.NextToken]),
    ).toEqual([
      [200, undefined],
      [200, 't'],
      [1, undefined],
      [1, 't'],
    ]);
  });

  it('reads rules by id with the security-group-rule-id filter and leaves out a rule it cannot read', async () => {
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [describedSshRule(1), { ...describedSshRule(2), IpProtocol: undefined }],
    });
    const rules = await port().readRulesById(['sgr-00000000000000001', 'sgr-00000000000000002']);
    expect(rules.map((r) => r.ruleId)).toEqual(['sgr-00000000000000001']);
    expect(input(DescribeSecurityGroupRulesCommand)[0]?.Filters).toEqual([
      { Name: 'security-group-rule-id', Values: ['sgr-00000000000000001', 'sgr-00000000000000002'] },
    ]);
  });

  it('resolves group names in the default VPC; an unknown name is absent, not an error', async () => {
    ec2Mock
      .on(DescribeSecurityGroupsCommand, { GroupNames: ['launch-wizard-1'] })
      .resolves({ SecurityGroups: [{ GroupId: GROUP, GroupName: 'launch-wizard-1', VpcId: 'vpc-1' }] })
      .on(DescribeSecurityGroupsCommand, { GroupNames: ['gone'] })
      .rejects(awsError('InvalidGroup.NotFound'));
    await expect(port().findGroupsByName(['launch-wizard-1', 'gone'])).resolves.toEqual([
      { groupId: GROUP, groupName: 'launch-wizard-1', vpcId: 'vpc-1' },
    ]);
  });

  it('lets throttling on a name lookup throw, so the event is retried', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).rejects(awsError('RequestLimitExceeded'));
    await expect(port().findGroupsByName(['launch-wizard-1'])).rejects.toMatchObject({
      name: 'RequestLimitExceeded',
    });
  });
});

describe('the EC2 adapter: revoking', () => {
  beforeEach(() => ec2Mock.reset());

  it('revokes every rule of a group in one call by rule id', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const results = await port().revokeIngress(GROUP, ['sgr-1', 'sgr-2']);
    expect([...results]).toEqual([
      ['sgr-1', { status: 'revoked' }],
      ['sgr-2', { status: 'revoked' }],
    ]);
    expect(input(RevokeSecurityGroupIngressCommand)).toEqual([
      { GroupId: GROUP, SecurityGroupRuleIds: ['sgr-1', 'sgr-2'] },
    ]);
  });

  it.each([
    ['InvalidSecurityGroupRuleId.NotFound', 'already-gone'],
    ['InvalidGroup.NotFound', 'already-gone'],
    ['InvalidGroupId.NotFound', 'already-gone'],
    ['UnauthorizedOperation', 'failed'],
  ])('answers %s for one rule as %s', async (code, status) => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(awsError(code));
    const results = await port().revokeIngress(GROUP, ['sgr-1']);
    expect(results.get('sgr-1')?.status).toBe(status);
  });

  it('does not call Return=false a success', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: false });
    const results = await port().revokeIngress(GROUP, ['sgr-1']);
    expect(results.get('sgr-1')).toMatchObject({ status: 'failed', code: 'RevokeReturnedFalse' });
  });

  it('retries one by one when one id of several is unknown (EC2 rejected the whole call)', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).callsFake((i: { SecurityGroupRuleIds: string[] }) => {
      if (i.SecurityGroupRuleIds.includes('sgr-2')) throw awsError('InvalidSecurityGroupRuleId.NotFound');
      return { Return: true };
    });
    const results = await port().revokeIngress(GROUP, ['sgr-1', 'sgr-2']);
    expect(Object.fromEntries([...results].map(([id, r]) => [id, r.status]))).toEqual({
      'sgr-1': 'revoked',
      'sgr-2': 'already-gone',
    });
    expect(input(RevokeSecurityGroupIngressCommand)).toHaveLength(3);
  });

  it('does not retry one by one when the whole group is gone', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(awsError('InvalidGroup.NotFound'));
    await port().revokeIngress(GROUP, ['sgr-1', 'sgr-2']);
    expect(input(RevokeSecurityGroupIngressCommand)).toHaveLength(1);
  });
});

describe('the EC2 adapter: authorizing', () => {
  beforeEach(() => ec2Mock.reset());
  const keep = (from: number) =>
    ({ protocol: 'tcp', ports: { from, to: from }, source: { kind: 'cidr4', cidr: '0.0.0.0/0' } }) as const;

  it('adds permissions in one call and returns the rules EC2 created', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).resolves({
      Return: true,
      SecurityGroupRules: [{ ...describedSshRule(7), FromPort: 80, ToPort: 80, CidrIpv4: '0.0.0.0/0' }],
    });
    const result = await port().authorizeIngress(GROUP, [keep(80)]);
    expect(result).toMatchObject({ status: 'authorized', created: [{ ruleId: 'sgr-00000000000000007' }] });
    expect(input(AuthorizeSecurityGroupIngressCommand)).toEqual([
      {
        GroupId: GROUP,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      },
    ]);
  });

  it('adds one by one when a permission already exists, counting it as present', async () => {
    ec2Mock
      .on(AuthorizeSecurityGroupIngressCommand)
      .callsFake((i: { IpPermissions: { FromPort: number }[] }) => {
        if (i.IpPermissions.some((p) => p.FromPort === 80)) throw awsError('InvalidPermission.Duplicate');
        return { Return: true, SecurityGroupRules: [] };
      });
    const result = await port().authorizeIngress(GROUP, [keep(80), keep(443)]);
    expect(result).toMatchObject({ status: 'authorized', alreadyPresent: [keep(80)] });
    expect(input(AuthorizeSecurityGroupIngressCommand)).toHaveLength(3);
  });

  it('returns a refusal as a value with its code', async () => {
    ec2Mock
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejects(awsError('RulesPerSecurityGroupLimitExceeded', 'full'));
    await expect(port().authorizeIngress(GROUP, [keep(80)])).resolves.toEqual({
      status: 'failed',
      code: 'RulesPerSecurityGroupLimitExceeded',
      message: 'full',
      created: [],
    });
  });
});

describe('the EC2 adapter: prefix lists', () => {
  beforeEach(() => ec2Mock.reset());
  const LIST = 'pl-0a1b2c3d4e5f60077';

  it('reads a customer list’s entries, every page', async () => {
    ec2Mock
      .on(DescribeManagedPrefixListsCommand)
      .resolves({
        PrefixLists: [{ PrefixListId: LIST, PrefixListName: 'partners', OwnerId: '123456789012' }],
      })
      .on(GetManagedPrefixListEntriesCommand)
      .callsFake((i: { NextToken?: string }) =>
        i.NextToken
          ? { Entries: [{ Cidr: '10.0.0.0/8' }] }
          : { Entries: [{ Cidr: '0.0.0.0/0' }], NextToken: 'n' },
      );
    await expect(port().readPrefixLists([LIST])).resolves.toEqual([
      { id: LIST, name: 'partners', ownerId: '123456789012', entries: ['0.0.0.0/0', '10.0.0.0/8'] },
    ]);
  });

  it('recognises the AWS-owned EC2 Instance Connect list by name and owner, without reading its entries', async () => {
    const eic = {
      PrefixListId: 'pl-0eic4',
      PrefixListName: 'com.amazonaws.eu-west-1.ec2-instance-connect',
      OwnerId: 'AWS',
    };
    ec2Mock.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: [eic] });
    await expect(port().readPrefixLists(['pl-0eic4'])).resolves.toEqual([
      { id: 'pl-0eic4', name: eic.PrefixListName, ownerId: 'AWS' },
    ]);
    expect(ec2Mock.commandCalls(GetManagedPrefixListEntriesCommand)).toHaveLength(0);
  });

  it.each(['InvalidPrefixListID.NotFound', 'UnauthorizedOperation'])(
    'keeps a list it cannot read (%s) as an error value',
    async (code) => {
      ec2Mock.on(DescribeManagedPrefixListsCommand).rejects(awsError(code, 'no'));
      await expect(port().readPrefixLists([LIST])).resolves.toEqual([{ id: LIST, error: `${code}: no` }]);
    },
  );

  it('lets throttling throw, so the event is retried rather than judged on a guess', async () => {
    ec2Mock.on(DescribeManagedPrefixListsCommand).rejects(awsError('RequestLimitExceeded'));
    await expect(port().readPrefixLists([LIST])).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
  });
});
