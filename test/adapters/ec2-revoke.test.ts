import { EC2Client, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEc2Port } from '../../functions/adapters/ec2-adapter.js';
import { toJudgedPermission } from '../../functions/adapters/ec2-revoke.js';
import type { CurrentRule } from '../../functions/core/model/rule.js';
import { silentLog } from '../../functions/log.js';
import { cidr, ruleOf } from '../support/policy.js';

const ec2Mock = mockClient(EC2Client);
const port = () => createEc2Port(new EC2Client({ region: 'eu-west-1' }), silentLog);
const GROUP = 'sg-0a1b2c3d4e5f60001';
const awsError = (name: string) => Object.assign(new Error(name), { name });
const sentPermissions = () =>
  ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input);
const world = ruleOf({ groupId: GROUP, ruleId: 'sgr-0000000000000aaaa', description: 'temp' });
const world6 = ruleOf({ groupId: GROUP, ruleId: 'sgr-0000000000000bbbb', source: cidr('::/0') });
/** What EC2 answers in RevokedSecurityGroupRules for a rule it removed. */
const revokedEntry = (rule: CurrentRule) => ({
  SecurityGroupRuleId: rule.ruleId,
  GroupId: rule.groupId,
  IsEgress: false,
  IpProtocol: rule.protocol === 'all' ? '-1' : rule.protocol,
  FromPort: rule.protocol === 'all' ? -1 : rule.ports.from,
  ToPort: rule.protocol === 'all' ? -1 : rule.ports.to,
  ...(rule.source.kind === 'cidr4' ? { CidrIpv4: rule.source.cidr } : {}),
  ...(rule.source.kind === 'cidr6' ? { CidrIpv6: rule.source.cidr } : {}),
  ...(rule.source.kind === 'prefix-list' ? { PrefixListId: rule.source.prefixListId } : {}),
  ...(rule.source.kind === 'group' ? { ReferencedGroupId: rule.source.groupId } : {}),
});

describe('a revoke removes a rule only if it is still the rule that was judged', () => {
  beforeEach(() => ec2Mock.reset());

  it.each<[string, CurrentRule, object]>([
    [
      'tcp/22 from an IPv4 CIDR',
      ruleOf({ groupId: GROUP }),
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ],
    [
      'an IPv6 CIDR',
      ruleOf({ groupId: GROUP, source: cidr('::/0') }),
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
    ],
    [
      'a prefix list',
      ruleOf({ groupId: GROUP, source: { kind: 'prefix-list', prefixListId: 'pl-0a1b2c3d4e5f60077' } }),
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        PrefixListIds: [{ PrefixListId: 'pl-0a1b2c3d4e5f60077' }],
      },
    ],
    [
      'a group reference with its account',
      ruleOf({ groupId: GROUP, source: { kind: 'group', groupId: 'sg-0peer', userId: '111122223333' } }),
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        UserIdGroupPairs: [{ GroupId: 'sg-0peer', UserId: '111122223333' }],
      },
    ],
    [
      'protocol all, spelled -1 with no ports',
      ruleOf({ groupId: GROUP, protocol: 'all', ports: { from: 0, to: 65535 } }),
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ],
    [
      'a port range, and the description left out (EC2 ignores it when matching)',
      ruleOf({ groupId: GROUP, ports: { from: 0, to: 1024 }, description: 'temp: everyone' }),
      { IpProtocol: 'tcp', FromPort: 0, ToPort: 1024, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
    ],
  ])('names the judged permission for %s', (_name, rule, permission) => {
    expect(toJudgedPermission(rule)).toEqual(permission);
  });

  it('revokes every judged rule of a group in one call and names the rules EC2 removed', async () => {
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .resolves({ Return: true, RevokedSecurityGroupRules: [revokedEntry(world), revokedEntry(world6)] });
    const results = await port().revokeIngress(GROUP, [world, world6]);
    expect([...results]).toEqual([
      [world.ruleId, { status: 'revoked', ruleId: world.ruleId }],
      [world6.ruleId, { status: 'revoked', ruleId: world6.ruleId }],
    ]);
    expect(sentPermissions()).toEqual([
      { GroupId: GROUP, IpPermissions: [toJudgedPermission(world), toJudgedPermission(world6)] },
    ]);
  });

  it('says which rule went when EC2 removed the permission under another id', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({
      Return: true,
      RevokedSecurityGroupRules: [{ ...revokedEntry(world), SecurityGroupRuleId: 'sgr-0readded' }],
    });
    const results = await port().revokeIngress(GROUP, [world]);
    expect(results.get(world.ruleId)).toEqual({ status: 'revoked', ruleId: 'sgr-0readded' });
  });

  it('in the default VPC, reads UnknownIpPermissions: the edited rule is left alone, the other revoked', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({
      Return: true,
      RevokedSecurityGroupRules: [revokedEntry(world6)],
      UnknownIpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    });
    const results = await port().revokeIngress(GROUP, [world, world6]);
    expect(results.get(world.ruleId)).toEqual({
      status: 'already-gone',
      evidence: 'EC2 listed the permission as unknown to the group',
    });
    expect(results.get(world6.ruleId)).toEqual({ status: 'revoked', ruleId: world6.ruleId });
    expect(sentPermissions()).toHaveLength(1);
  });

  it('outside the default VPC, one changed rule fails the call: revokes one by one so the other still goes', async () => {
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .callsFake((input: { IpPermissions: { IpRanges?: unknown[] }[] }) => {
        if (input.IpPermissions.some((p) => p.IpRanges)) throw awsError('InvalidPermission.NotFound');
        return { Return: true, RevokedSecurityGroupRules: [revokedEntry(world6)] };
      });
    const results = await port().revokeIngress(GROUP, [world, world6]);
    expect(results.get(world.ruleId)).toEqual({
      status: 'already-gone',
      evidence: 'EC2 answered InvalidPermission.NotFound',
    });
    expect(results.get(world6.ruleId)).toEqual({ status: 'revoked', ruleId: world6.ruleId });
    expect(sentPermissions()).toHaveLength(3);
  });

  it.each([
    ['InvalidPermission.NotFound', 'already-gone'],
    ['InvalidGroup.NotFound', 'already-gone'],
    ['InvalidGroupId.NotFound', 'already-gone'],
    ['UnauthorizedOperation', 'failed'],
  ])('answers %s for one judged rule as %s', async (code, status) => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(awsError(code));
    expect((await port().revokeIngress(GROUP, [world])).get(world.ruleId)?.status).toBe(status);
  });

  it('does not retry one by one when the whole group is gone', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(awsError('InvalidGroup.NotFound'));
    await port().revokeIngress(GROUP, [world, world6]);
    expect(sentPermissions()).toHaveLength(1);
  });

  it.each<[string, object]>([
    ['Return=false', { Return: false }],
    ['a success naming no rule at all', { Return: true }],
  ])('claims nothing on %s: the rule is reported as failed, never as revoked', async (_name, answer) => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves(answer);
    expect((await port().revokeIngress(GROUP, [world])).get(world.ruleId)?.status).toBe('failed');
  });
});
