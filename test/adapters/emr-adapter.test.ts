import {
  DescribeClusterCommand,
  EMRClient,
  GetBlockPublicAccessConfigurationCommand,
  PutBlockPublicAccessConfigurationCommand,
} from '@aws-sdk/client-emr';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmrPort } from '../../functions/adapters/emr-adapter.js';

const emrMock = mockClient(EMRClient);
const port = () => createEmrPort(new EMRClient({ region: 'eu-west-1' }));
const awsError = (name: string, message = name) => Object.assign(new Error(message), { name });

describe('EMR adapter: DescribeCluster', () => {
  beforeEach(() => emrMock.reset());

  it('maps Ec2InstanceAttributes to the five group slots', async () => {
    emrMock.on(DescribeClusterCommand, { ClusterId: 'j-1' }).resolves({
      Cluster: {
        Id: 'j-1',
        Name: 'etl',
        Status: { State: 'WAITING' },
        Ec2InstanceAttributes: {
          EmrManagedMasterSecurityGroup: 'sg-01',
          EmrManagedSlaveSecurityGroup: 'sg-02',
          ServiceAccessSecurityGroup: 'sg-03',
          AdditionalMasterSecurityGroups: ['sg-04'],
          AdditionalSlaveSecurityGroups: ['sg-05', 'sg-06'],
        },
      } as never,
    });
    await expect(port().describeCluster('j-1')).resolves.toEqual({
      gone: false,
      id: 'j-1',
      name: 'etl',
      state: 'WAITING',
      groups: {
        master: 'sg-01',
        slave: 'sg-02',
        serviceAccess: 'sg-03',
        additionalMaster: ['sg-04'],
        additionalSlave: ['sg-05', 'sg-06'],
      },
    });
  });

  it('answers empty groups while EMR has not named them yet', async () => {
    emrMock
      .on(DescribeClusterCommand)
      .resolves({ Cluster: { Id: 'j-1', Status: { State: 'STARTING' } } as never });
    await expect(port().describeCluster('j-1')).resolves.toEqual({
      gone: false,
      id: 'j-1',
      state: 'STARTING',
      groups: { additionalMaster: [], additionalSlave: [] },
    });
  });

  it.each(['TERMINATED', 'TERMINATED_WITH_ERRORS'])('calls a %s cluster gone', async (State) => {
    emrMock.on(DescribeClusterCommand).resolves({
      Cluster: {
        Id: 'j-1',
        Name: 'etl',
        Status: { State, StateChangeReason: { Code: 'USER_REQUEST' } },
      } as never,
    });
    await expect(port().describeCluster('j-1')).resolves.toEqual({
      gone: true,
      reason: `state ${State} (USER_REQUEST)`,
      state: State,
      name: 'etl',
    });
  });

  it('calls a cluster EMR does not know (or hides from the guard) gone', async () => {
    emrMock
      .on(DescribeClusterCommand)
      .rejects(awsError('InvalidRequestException', "Cluster id 'j-1' is not valid."));
    await expect(port().describeCluster('j-1')).resolves.toEqual({
      gone: true,
      reason: "not found or not visible: InvalidRequestException: Cluster id 'j-1' is not valid.",
    });
  });

  it.each([
    awsError('ThrottlingException', 'Rate exceeded'),
    awsError('AccessDeniedException', 'not authorized'),
    awsError('InvalidRequestException', 'something else is wrong'),
  ])('throws on $name so Lambda retries and the DLQ catches what retries cannot fix', async (error) => {
    emrMock.on(DescribeClusterCommand).rejects(error);
    await expect(port().describeCluster('j-1')).rejects.toBe(error);
  });
});

describe('EMR adapter: Block Public Access', () => {
  beforeEach(() => emrMock.reset());

  it('reads the setting, single-port ranges included', async () => {
    emrMock.on(GetBlockPublicAccessConfigurationCommand).resolves({
      BlockPublicAccessConfiguration: {
        BlockPublicSecurityGroupRules: true,
        PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 22, MaxRange: 22 }, { MinRange: 8443 }],
      },
      BlockPublicAccessConfigurationMetadata: undefined,
    });
    await expect(port().readBlockPublicAccess()).resolves.toEqual({
      ok: true,
      value: {
        blockPublicSecurityGroupRules: true,
        permittedRanges: [
          { from: 22, to: 22 },
          { from: 8443, to: 8443 },
        ],
      },
    });
  });

  it('reads a missing flag as off: a setting it cannot confirm protects nothing', async () => {
    emrMock.on(GetBlockPublicAccessConfigurationCommand).resolves({
      BlockPublicAccessConfiguration: undefined,
      BlockPublicAccessConfigurationMetadata: undefined,
    });
    await expect(port().readBlockPublicAccess()).resolves.toEqual({
      ok: true,
      value: { blockPublicSecurityGroupRules: false, permittedRanges: [] },
    });
  });

  it('returns a denied read as a value and throws on anything a retry can fix', async () => {
    emrMock.on(GetBlockPublicAccessConfigurationCommand).rejectsOnce(awsError('AccessDeniedException', 'no'));
    await expect(port().readBlockPublicAccess()).resolves.toEqual({
      ok: false,
      error: { code: 'AccessDeniedException', message: 'no' },
    });
    emrMock.on(GetBlockPublicAccessConfigurationCommand).rejects(awsError('InternalServerException'));
    await expect(port().readBlockPublicAccess()).rejects.toThrow('InternalServerException');
  });

  it('writes back every field it read, with only the permitted ranges replaced', async () => {
    emrMock.on(GetBlockPublicAccessConfigurationCommand).resolves({
      BlockPublicAccessConfiguration: {
        BlockPublicSecurityGroupRules: true,
        PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 22, MaxRange: 22 }],
        Classification: 'bpa',
        Properties: { team: 'security' },
      },
      BlockPublicAccessConfigurationMetadata: undefined,
    });
    emrMock.on(PutBlockPublicAccessConfigurationCommand).resolves({});
    const emr = port();
    const read = await emr.readBlockPublicAccess();
    if (!read.ok) throw new Error('read failed');
    await expect(emr.writePermittedRanges(read.value, [{ from: 80, to: 80 }])).resolves.toEqual({
      status: 'written',
    });
    expect(
      emrMock.commandCalls(PutBlockPublicAccessConfigurationCommand).map((c) => c.args[0].input),
    ).toEqual([
      {
        BlockPublicAccessConfiguration: {
          Classification: 'bpa',
          Properties: { team: 'security' },
          BlockPublicSecurityGroupRules: true,
          PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 80, MaxRange: 80 }],
        },
      },
    ]);
  });

  it('returns a failed write with its AWS error code', async () => {
    emrMock.on(PutBlockPublicAccessConfigurationCommand).rejects(awsError('AccessDeniedException', 'denied'));
    const current = { blockPublicSecurityGroupRules: true, permittedRanges: [{ from: 22, to: 22 }] };
    await expect(port().writePermittedRanges(current, [])).resolves.toEqual({
      status: 'failed',
      code: 'AccessDeniedException',
      message: 'denied',
    });
  });
});
