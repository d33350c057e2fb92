import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { findInstancesByGroups } from '../../functions/adapters/ec2-instances.js';
import { AwsJsonError } from '../../functions/adapters/signed-json.js';
import type { SsmAction, SsmCaller } from '../../functions/adapters/ssm-json.js';
import { readPostures } from '../../functions/adapters/ssm-posture.js';

const ec2Mock = mockClient(EC2Client);
const ec2 = () => new EC2Client({ region: 'eu-west-1' });

/** A recording Systems Manager: each call's action and input, and the replies handed back in turn. */
function scriptedSsm(...replies: (unknown | Error)[]) {
  const calls: { action: SsmAction; input: Record<string, unknown> }[] = [];
  const ssm: SsmCaller = async (action, input) => {
    calls.push({ action, input });
    const reply = replies.length > 1 ? replies.shift() : replies[0];
    if (reply instanceof Error) throw reply;
    return reply ?? {};
  };
  return { ssm, calls };
}

describe('instances behind groups (DescribeInstances)', () => {
  beforeEach(() => ec2Mock.reset());

  it('filters by group and live state, one page of at most the limit', async () => {
    ec2Mock.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-0a',
              State: { Name: 'running' },
              PublicIpAddress: '203.0.113.5',
              Tags: [{ Key: 'Name', Value: 'bastion' }],
              SecurityGroups: [{ GroupId: 'sg-1' }, { GroupId: 'sg-2' }],
            },
          ],
        },
        {
          Instances: [
            { InstanceId: 'i-0b', State: { Name: 'stopped' }, SecurityGroups: [{ GroupId: 'sg-1' }] },
          ],
        },
      ],
    });
    const found = await findInstancesByGroups(ec2(), ['sg-1'], 10);
    expect(found).toEqual({
      instances: [
        {
          instanceId: 'i-0a',
          name: 'bastion',
          state: 'running',
          publicIp: '203.0.113.5',
          groupIds: ['sg-1', 'sg-2'],
        },
        { instanceId: 'i-0b', state: 'stopped', groupIds: ['sg-1'] },
      ],
      truncated: false,
    });
    const input = ec2Mock.commandCalls(DescribeInstancesCommand)[0]?.args[0].input;
    expect(input).toEqual({
      Filters: [
        { Name: 'instance.group-id', Values: ['sg-1'] },
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
      ],
      MaxResults: 10,
    });
  });

  it.each([
    [2, 5],
    [10, 10],
    [5000, 1000],
  ])('a limit of %i asks for %i (EC2 takes 5 to 1000)', async (limit, maxResults) => {
    ec2Mock.on(DescribeInstancesCommand).resolves({});
    await findInstancesByGroups(ec2(), ['sg-1'], limit);
    expect(ec2Mock.commandCalls(DescribeInstancesCommand)[0]?.args[0].input.MaxResults).toBe(maxResults);
  });

  it('says truncated when EC2 has another page, and never reads it', async () => {
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-0a' }] }], NextToken: 't' });
    expect((await findInstancesByGroups(ec2(), ['sg-1'], 10)).truncated).toBe(true);
    expect(ec2Mock.commandCalls(DescribeInstancesCommand)).toHaveLength(1);
  });

  it('makes no call without groups', async () => {
    expect(await findInstancesByGroups(ec2(), [], 10)).toEqual({ instances: [], truncated: false });
    expect(ec2Mock.calls()).toHaveLength(0);
  });
});

describe('SSH posture of instances (ListComplianceItems)', () => {
  const item = (resourceId: string, id: string, status: 'COMPLIANT' | 'NON_COMPLIANT', value: string) => ({
    ComplianceType: 'Custom:SshPosture',
    ResourceType: 'ManagedInstance',
    ResourceId: resourceId,
    Id: id,
    Title: id,
    Status: status,
    Severity: 'HIGH',
    // The JSON protocol's timestamps are epoch seconds.
    ExecutionSummary: { ExecutionTime: Date.parse('2026-11-21T10:04:09Z') / 1000 },
    Details: { Value: value, Expected: 'no', Context: 'no Match block applies' },
  });

  it('groups every page of items by instance; instances that never reported are absent', async () => {
    const { ssm, calls } = scriptedSsm(
      {
        ComplianceItems: [item('i-0a', 'PasswordAuthentication', 'NON_COMPLIANT', 'yes')],
        NextToken: 'p2',
      },
      { ComplianceItems: [item('i-0a', 'PermitRootLogin', 'COMPLIANT', 'no')] },
    );
    const postures = await readPostures(ssm, ['i-0a', 'i-0b']);
    expect([...postures.keys()]).toEqual(['i-0a']);
    expect(postures.get('i-0a')).toEqual({
      instanceId: 'i-0a',
      assessedAt: '2026-11-21T10:04:09.000Z',
      items: [
        {
          id: 'PasswordAuthentication',
          status: 'non-compliant',
          title: 'PasswordAuthentication',
          value: 'yes',
          expected: 'no',
          context: 'no Match block applies',
        },
        {
          id: 'PermitRootLogin',
          status: 'compliant',
          title: 'PermitRootLogin',
          value: 'no',
          expected: 'no',
          context: 'no Match block applies',
        },
      ],
    });
    expect(calls.map((c) => c.action)).toEqual(['ListComplianceItems', 'ListComplianceItems']);
    expect(calls[0]?.input).toEqual({
      ResourceIds: ['i-0a', 'i-0b'],
      ResourceTypes: ['ManagedInstance'],
      Filters: [{ Key: 'ComplianceType', Values: ['Custom:SshPosture'], Type: 'EQUAL' }],
      MaxResults: 50,
    });
    expect(calls[1]?.input.NextToken).toBe('p2');
  });

  it('ignores items of other compliance types', async () => {
    const { ssm } = scriptedSsm({
      ComplianceItems: [{ ...item('i-0a', 'KB123', 'NON_COMPLIANT', 'x'), ComplianceType: 'Patch' }],
    });
    expect((await readPostures(ssm, ['i-0a'])).size).toBe(0);
  });

  it('asks for at most 100 instances per call', async () => {
    const { ssm, calls } = scriptedSsm({});
    await readPostures(
      ssm,
      Array.from({ length: 150 }, (_, i) => `i-${i}`),
    );
    expect(calls.map((c) => (c.input.ResourceIds as string[]).length)).toEqual([100, 50]);
  });

  it('lets errors through for the caller to retry', async () => {
    const { ssm } = scriptedSsm(new AwsJsonError('ThrottlingException', 'Rate exceeded', 400));
    await expect(readPostures(ssm, ['i-0a'])).rejects.toThrow('Rate exceeded');
  });

  it.each([
    ['epoch seconds with a fraction', 1_763_719_449.5, '2025-11-21T10:04:09.500Z'],
    ['an ISO text', '2026-11-21T10:04:09Z', '2026-11-21T10:04:09.000Z'],
    ['no time', undefined, undefined],
    ['a time that is not one', 'yesterday', undefined],
  ])('reads the report time from %s', async (_, time, expected) => {
    const { ssm } = scriptedSsm({
      ComplianceItems: [
        { ...item('i-0a', 'PermitRootLogin', 'COMPLIANT', 'no'), ExecutionSummary: { ExecutionTime: time } },
      ],
    });
    expect((await readPostures(ssm, ['i-0a'])).get('i-0a')?.assessedAt).toBe(expected);
  });

  it.each([
    ['a reply that is not an object', 'nonsense'],
    ['items that are not a list', { ComplianceItems: 'x' }],
    [
      'items without an id or instance',
      { ComplianceItems: [{ ComplianceType: 'Custom:SshPosture' }, 7, null] },
    ],
  ])('reads %s as no posture, never as compliant', async (_, reply) => {
    const { ssm } = scriptedSsm(reply);
    expect((await readPostures(ssm, ['i-0a'])).size).toBe(0);
  });
});
