import {
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  type DescribeClusterCommandOutput,
  type Ec2InstanceAttributes,
  EMRClient,
  GetBlockPublicAccessConfigurationCommand,
  PutBlockPublicAccessConfigurationCommand,
} from '@aws-sdk/client-emr';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../functions/core/findings/finding.js';
import { makeEmrGuardHandler } from '../../functions/handlers/emr-guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { loadEvent } from '../support/events.js';
import { parsePublished } from '../support/finding-schema.js';
import { configWith, sdkHandlerDeps, TOPIC } from '../support/sdk-handler-deps.js';

const emrMock = mockClient(EMRClient);
const ec2Mock = mockClient(EC2Client);
const snsMock = mockClient(SNSClient);

const MASTER = 'sg-0a1b2c3d4e5f60011';
const SLAVE = 'sg-0a1b2c3d4e5f60012';
const SERVICE = 'sg-0a1b2c3d4e5f60013';
const WORLD_SSH = 'sgr-0000000000000f022';

/** The real EMR handler and SDK adapters; only the three clients underneath are mocked. */
function handlerWith(env: Record<string, string> = {}) {
  const { deps, waits, regions } = sdkHandlerDeps();
  return { handler: makeEmrGuardHandler(configWith(env), deps, silentLog), waits, regions };
}

/** Every call a mocked client received, as [command, input], in order. */
const callsOf = (mock: { calls(): { args: unknown[] }[] }) =>
  mock.calls().map((c) => {
    const command = c.args[0] as { constructor: { name: string }; input: unknown };
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });

const DEFAULT_ATTRS: Ec2InstanceAttributes = {
  Ec2SubnetId: 'subnet-0a1b2c3d4e5f60101',
  EmrManagedMasterSecurityGroup: MASTER,
  EmrManagedSlaveSecurityGroup: SLAVE,
  AdditionalMasterSecurityGroups: [],
  AdditionalSlaveSecurityGroups: [],
};

const described = (
  State: string,
  attrs: Ec2InstanceAttributes = DEFAULT_ATTRS,
): Partial<DescribeClusterCommandOutput> => ({
  Cluster: {
    Id: 'j-2AXXXXXXGAPLF',
    Name: 'nightly-etl',
    Status: { State: State as never },
    Ec2InstanceAttributes: attrs,
  } as never,
});

const bpa = (block: boolean, ranges: { MinRange: number; MaxRange?: number }[]) => ({
  BlockPublicAccessConfiguration: {
    BlockPublicSecurityGroupRules: block,
    PermittedPublicSecurityGroupRuleRanges: ranges,
  },
  BlockPublicAccessConfigurationMetadata: {
    CreationDateTime: new Date(0),
    CreatedByArn: 'arn:aws:iam::1:root',
  },
});

let n = 0;
function sgRule(GroupId: string, source: Partial<SecurityGroupRule>, ports: [string, number, number]) {
  n += 1;
  return {
    SecurityGroupRuleId: `sgr-${n.toString(16).padStart(17, '0')}`,
    GroupId,
    IsEgress: false,
    IpProtocol: ports[0],
    FromPort: ports[1],
    ToPort: ports[2],
    ...source,
  };
}

/** EMR's own rules (group references among master, slave and service access; 8443 from service access). */
function emrOwnRules(): SecurityGroupRule[] {
  const ref = (GroupId: string) => ({ ReferencedGroupInfo: { GroupId } });
  return [
    ...[MASTER, SLAVE].flatMap((group) =>
      [MASTER, SLAVE].flatMap((peer) => [
        sgRule(group, ref(peer), ['tcp', 0, 65535]),
        sgRule(group, ref(peer), ['udp', 0, 65535]),
        sgRule(group, ref(peer), ['icmp', -1, -1]),
      ]),
    ),
    sgRule(MASTER, ref(SERVICE), ['tcp', 8443, 8443]),
    sgRule(SLAVE, ref(SERVICE), ['tcp', 8443, 8443]),
    sgRule(SERVICE, ref(MASTER), ['tcp', 9443, 9443]),
    { ...sgRule(SERVICE, ref(MASTER), ['tcp', 8443, 8443]), IsEgress: true },
  ];
}

const worldSsh = () => ({
  ...sgRule(MASTER, { CidrIpv4: '0.0.0.0/0' }, ['tcp', 22, 22]),
  SecurityGroupRuleId: WORLD_SSH,
});

function publishedFindings(): Finding[] {
  return snsMock
    .commandCalls(PublishCommand)
    .flatMap((c) => parsePublished(c.args[0].input.Message ?? '').default.findings as Finding[]);
}

const describeRulesOf = (...groups: string[]) => [
  'DescribeSecurityGroupRules',
  { Filters: [{ Name: 'group-id', Values: groups }], MaxResults: 1000, NextToken: undefined },
];
const publish = ['Publish', expect.objectContaining({ TopicArn: TOPIC, MessageStructure: 'json' })];
const getBpa = ['GetBlockPublicAccessConfiguration', {}];
const describeCluster = ['DescribeCluster', { ClusterId: 'j-2AXXXXXXGAPLF' }];

describe('EMR guard: AWS calls per event', () => {
  beforeEach(() => {
    emrMock.reset();
    ec2Mock.reset();
    snsMock.reset();
    emrMock.on(GetBlockPublicAccessConfigurationCommand).resolves(bpa(true, []));
    emrMock.on(DescribeClusterCommand).resolves(described('STARTING'));
    ec2Mock
      .on(DescribeSecurityGroupRulesCommand)
      .resolves({ SecurityGroupRules: [...emrOwnRules(), worldSsh()] });
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  });

  it('takes the groups named in RunJobFlow without calling DescribeCluster', async () => {
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: [] });
    const { handler, waits } = handlerWith();
    await expect(handler(loadEvent('emr-runjobflow-named-groups.json'))).resolves.toMatchObject({
      status: 'handled',
      clusterId: 'j-3KQ7ZV0N1WX8P',
      cluster: 'request',
      violations: 0,
    });
    expect(callsOf(emrMock)).toEqual([getBpa]);
    expect(callsOf(ec2Mock)).toEqual([
      describeRulesOf(
        'sg-0a1b2c3d4e5f60021',
        'sg-0a1b2c3d4e5f60022',
        'sg-0a1b2c3d4e5f60027',
        'sg-0a1b2c3d4e5f60028',
      ),
    ]);
    expect(callsOf(snsMock)).toEqual([]);
    expect(waits).toEqual([]);
  });

  it('resolves the groups with DescribeCluster when RunJobFlow names none, and revokes the world tcp/22', async () => {
    const { handler, regions } = handlerWith();
    await expect(handler(loadEvent('emr-runjobflow-default-groups.json'))).resolves.toMatchObject({
      cluster: 'describe',
      groups: [MASTER, SLAVE],
      violations: 1,
      actions: { revoked: 1 },
    });
    expect(callsOf(emrMock)).toEqual([describeCluster, getBpa]);
    expect(callsOf(ec2Mock)).toEqual([
      describeRulesOf(MASTER, SLAVE),
      ['RevokeSecurityGroupIngress', { GroupId: MASTER, SecurityGroupRuleIds: [WORLD_SSH] }],
    ]);
    expect(callsOf(snsMock)).toEqual([publish]);
    expect(new Set(regions)).toEqual(new Set(['emr eu-west-1', 'ec2 eu-west-1']));
  });

  it("leaves EMR's own rules untouched: only the world tcp/22 on the master group is revoked", async () => {
    emrMock
      .on(DescribeClusterCommand)
      .resolves(described('RUNNING', { ...DEFAULT_ATTRS, ServiceAccessSecurityGroup: SERVICE }));
    const { handler } = handlerWith();
    const result = await handler(loadEvent('emr-state-running.json'));
    expect(result).toMatchObject({
      groups: [MASTER, SLAVE, SERVICE],
      rulesEvaluated: emrOwnRules().length + 1,
    });
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input)).toEqual([
      { GroupId: MASTER, SecurityGroupRuleIds: [WORLD_SSH] },
    ]);
    expect(publishedFindings().map((f) => f.resource.ruleId)).toEqual([WORLD_SSH]);
  });

  it('names the cluster, the group role and the Block Public Access state in the rule finding', async () => {
    emrMock.on(DescribeClusterCommand).resolves(described('RUNNING'));
    await handlerWith().handler(loadEvent('emr-state-running.json'));
    expect(publishedFindings()).toEqual([
      expect.objectContaining({
        checkId: 'ssh-world-open',
        severity: 'high',
        resource: expect.objectContaining({
          groupId: MASTER,
          ruleId: WORLD_SSH,
          emr: {
            clusterId: 'j-2AXXXXXXGAPLF',
            clusterName: 'nightly-etl',
            role: 'master',
            state: 'RUNNING',
            blockPublicAccess: 'on, permitted public ports: none',
          },
        }),
        trigger: expect.objectContaining({ kind: 'emr-state', eventName: 'EMR Cluster State Change' }),
        action: expect.objectContaining({ type: 'revoked' }),
      }),
    ]);
  });

  it('retries DescribeCluster with backoff while the attributes are empty, then evaluates the filled groups', async () => {
    emrMock
      .on(DescribeClusterCommand)
      .resolvesOnce(described('STARTING', {}))
      .resolvesOnce(described('STARTING', { Ec2SubnetId: 'subnet-0a1b2c3d4e5f60101' }))
      .resolves(described('STARTING'));
    const { handler, waits } = handlerWith();
    await expect(handler(loadEvent('emr-runjobflow-default-groups.json'))).resolves.toMatchObject({
      cluster: 'describe',
      actions: { revoked: 1 },
    });
    expect(callsOf(emrMock)).toEqual([describeCluster, describeCluster, describeCluster, getBpa]);
    expect(waits).toEqual([1000, 2000]);
    expect(callsOf(ec2Mock)).toEqual([
      describeRulesOf(MASTER, SLAVE),
      ['RevokeSecurityGroupIngress', { GroupId: MASTER, SecurityGroupRuleIds: [WORLD_SSH] }],
    ]);
  });

  it('stops retrying after 15 s of backoff and leaves the cluster to the state-change events', async () => {
    emrMock.on(DescribeClusterCommand).resolves(described('STARTING', {}));
    const { handler, waits } = handlerWith();
    await expect(handler(loadEvent('emr-runjobflow-default-groups.json'))).resolves.toMatchObject({
      status: 'handled',
      cluster: 'pending',
      groups: [],
      rulesEvaluated: 0,
    });
    expect(callsOf(emrMock)).toEqual([...Array(5).fill(describeCluster), getBpa]);
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    expect(waits.reduce((a, b) => a + b)).toBeLessThan(60_000 / 2);
    expect(callsOf(ec2Mock)).toEqual([]);
    expect(callsOf(snsMock)).toEqual([]);
  });

  it('does not wait on a state change whose groups are still empty: the next state evaluates them', async () => {
    emrMock.on(DescribeClusterCommand).resolves(described('STARTING', {}));
    const { handler, waits } = handlerWith();
    await expect(handler(loadEvent('emr-state-starting.json'))).resolves.toMatchObject({
      cluster: 'pending',
    });
    expect(callsOf(emrMock)).toEqual([describeCluster, getBpa]);
    expect(waits).toEqual([]);
  });

  it.each([
    [
      'a terminated cluster',
      () => emrMock.on(DescribeClusterCommand).resolves(described('TERMINATED')),
      'state TERMINATED',
    ],
    [
      'a cluster EMR does not know',
      () =>
        emrMock.on(DescribeClusterCommand).rejects(
          Object.assign(new Error("Cluster id 'j-2AXXXXXXGAPLF' is not valid."), {
            name: 'InvalidRequestException',
          }),
        ),
      'not found or not visible',
    ],
  ])(
    'reports %s as an info finding, evaluates nothing and does not throw',
    async (_name, arrange, reason) => {
      arrange();
      const { handler } = handlerWith();
      await expect(handler(loadEvent('emr-state-running.json'))).resolves.toMatchObject({
        status: 'handled',
        cluster: 'gone',
        rulesEvaluated: 0,
      });
      expect(callsOf(emrMock)).toEqual([describeCluster, getBpa]);
      expect(callsOf(ec2Mock)).toEqual([]);
      expect(callsOf(snsMock)).toEqual([publish]);
      const [finding] = publishedFindings();
      expect(finding).toMatchObject({
        checkId: 'emr-cluster-gone',
        severity: 'info',
        resource: { type: 'emr-cluster', emr: { clusterId: 'j-2AXXXXXXGAPLF', clusterName: 'nightly-etl' } },
      });
      expect(finding?.summary).toContain(reason);
    },
  );

  it('throws when DescribeCluster fails in a way a retry can fix, so Lambda retries', async () => {
    emrMock
      .on(DescribeClusterCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    await expect(handlerWith().handler(loadEvent('emr-state-running.json'))).rejects.toThrow('slow down');
    expect(callsOf(snsMock)).toEqual([]);
  });

  it('ignores a TERMINATED state change without any AWS call', async () => {
    const { handler } = handlerWith();
    await expect(handler(loadEvent('emr-state-terminated.json'))).resolves.toMatchObject({
      status: 'ignored',
      reason: 'cluster state TERMINATED',
    });
    expect([...callsOf(emrMock), ...callsOf(ec2Mock), ...callsOf(snsMock)]).toEqual([]);
  });

  it('uses clients of the region the event came from', async () => {
    emrMock.on(DescribeClusterCommand).resolves(described('WAITING'));
    const { handler, regions } = handlerWith();
    await handler(loadEvent('emr-state-waiting.json'));
    expect(new Set(regions)).toEqual(new Set(['emr ap-southeast-2', 'ec2 ap-southeast-2']));
  });
});

describe('EMR guard: Block Public Access', () => {
  beforeEach(() => {
    emrMock.reset();
    ec2Mock.reset();
    snsMock.reset();
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: emrOwnRules() });
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  });

  it.each([
    ['off', bpa(false, [{ MinRange: 22, MaxRange: 22 }]), 'EMR Block Public Access is off', 'off'],
    [
      'on, permitting 22 (the AWS default)',
      bpa(true, [{ MinRange: 22, MaxRange: 22 }]),
      'EMR Block Public Access permits SSH',
      'on, permitted public ports: 22',
    ],
    [
      'on, permitting 22 inside a range',
      bpa(true, [{ MinRange: 20, MaxRange: 25 }]),
      'EMR Block Public Access permits SSH',
      'on, permitted public ports: 20-25',
    ],
  ])(
    'reports a high finding when Block Public Access is %s, and changes nothing',
    async (_name, answer, title, state) => {
      emrMock.on(GetBlockPublicAccessConfigurationCommand).resolves(answer);
      await handlerWith().handler(loadEvent('emr-runjobflow-named-groups.json'));
      expect(callsOf(emrMock)).toEqual([getBpa]);
      expect(callsOf(snsMock)).toEqual([publish]);
      expect(publishedFindings()).toEqual([
        expect.objectContaining({
          checkId: 'emr-block-public-access',
          severity: 'high',
          title,
          region: 'eu-west-1',
          resource: expect.objectContaining({
            type: 'region',
            emr: {
              clusterId: 'j-3KQ7ZV0N1WX8P',
              clusterName: 'airflow-spark-daily',
              blockPublicAccess: state,
            },
          }),
          action: { type: 'reported', mode: 'revoke' },
        }),
      ]);
    },
  );

  it.each([
    ['no permitted ranges', []],
    ['only ports other than 22', [{ MinRange: 80, MaxRange: 80 }, { MinRange: 8443 }]],
  ])('reports nothing when Block Public Access is on with %s', async (_name, ranges) => {
    emrMock.on(GetBlockPublicAccessConfigurationCommand).resolves(bpa(true, ranges));
    await handlerWith().handler(loadEvent('emr-runjobflow-named-groups.json'));
    expect(callsOf(emrMock)).toEqual([getBpa]);
    expect(callsOf(snsMock)).toEqual([]);
  });

  it('with the opt-in fix, removes port 22 from the permitted ranges and keeps every other port', async () => {
    emrMock
      .on(GetBlockPublicAccessConfigurationCommand)
      .resolves(bpa(true, [{ MinRange: 20, MaxRange: 25 }, { MinRange: 8080 }]));
    emrMock.on(PutBlockPublicAccessConfigurationCommand).resolves({});
    await handlerWith({ EMR_FIX_BLOCK_PUBLIC_ACCESS: 'true' }).handler(
      loadEvent('emr-runjobflow-named-groups.json'),
    );
    expect(callsOf(emrMock)).toEqual([
      getBpa,
      [
        'PutBlockPublicAccessConfiguration',
        {
          BlockPublicAccessConfiguration: {
            BlockPublicSecurityGroupRules: true,
            PermittedPublicSecurityGroupRuleRanges: [
              { MinRange: 20, MaxRange: 21 },
              { MinRange: 23, MaxRange: 25 },
              { MinRange: 8080, MaxRange: 8080 },
            ],
          },
        },
      ],
    ]);
    expect(publishedFindings()).toEqual([
      expect.objectContaining({
        checkId: 'emr-block-public-access',
        resource: expect.objectContaining({
          emr: expect.objectContaining({
            blockPublicAccess: 'on, permitted public ports: 20-21, 23-25, 8080 (fixed by the guard)',
          }),
        }),
        action: expect.objectContaining({
          type: 'narrowed',
          note: expect.stringContaining('20-21, 23-25, 8080'),
        }),
      }),
    ]);
  });

  it('with the opt-in fix, the AWS default becomes no permitted ranges at all', async () => {
    emrMock
      .on(GetBlockPublicAccessConfigurationCommand)
      .resolves(bpa(true, [{ MinRange: 22, MaxRange: 22 }]));
    emrMock.on(PutBlockPublicAccessConfigurationCommand).resolves({});
    await handlerWith({ EMR_FIX_BLOCK_PUBLIC_ACCESS: 'true' }).handler(
      loadEvent('emr-runjobflow-named-groups.json'),
    );
    expect(
      emrMock.commandCalls(PutBlockPublicAccessConfigurationCommand).map((c) => c.args[0].input),
    ).toEqual([
      {
        BlockPublicAccessConfiguration: {
          BlockPublicSecurityGroupRules: true,
          PermittedPublicSecurityGroupRuleRanges: [],
        },
      },
    ]);
  });

  it.each([
    [
      'Block Public Access is off (turning it on is left to people)',
      { EMR_FIX_BLOCK_PUBLIC_ACCESS: 'true' },
      bpa(false, [{ MinRange: 22, MaxRange: 22 }]),
      'reported',
    ],
    [
      'the guard runs in report mode',
      { EMR_FIX_BLOCK_PUBLIC_ACCESS: 'true', REMEDIATION_MODE: 'report' },
      bpa(true, [{ MinRange: 22, MaxRange: 22 }]),
      'would-revoke',
    ],
    ['the fix is not opted in (the default)', {}, bpa(true, [{ MinRange: 22, MaxRange: 22 }]), 'reported'],
  ])('does not write Block Public Access when %s', async (_name, env, answer, action) => {
    emrMock.on(GetBlockPublicAccessConfigurationCommand).resolves(answer);
    await handlerWith(env).handler(loadEvent('emr-runjobflow-named-groups.json'));
    expect(callsOf(emrMock)).toEqual([getBpa]);
    expect(publishedFindings().map((f) => f.action.type)).toEqual([action]);
  });

  it('reports a failed fix with the AWS error code instead of throwing', async () => {
    emrMock
      .on(GetBlockPublicAccessConfigurationCommand)
      .resolves(bpa(true, [{ MinRange: 22, MaxRange: 22 }]));
    emrMock
      .on(PutBlockPublicAccessConfigurationCommand)
      .rejects(Object.assign(new Error('denied by SCP'), { name: 'AccessDeniedException' }));
    await handlerWith({ EMR_FIX_BLOCK_PUBLIC_ACCESS: 'true' }).handler(
      loadEvent('emr-runjobflow-named-groups.json'),
    );
    expect(publishedFindings()).toEqual([
      expect.objectContaining({
        action: expect.objectContaining({
          type: 'failed',
          error: { code: 'AccessDeniedException', message: 'denied by SCP' },
        }),
      }),
    ]);
  });

  it('reports a Block Public Access setting it may not read as a medium finding', async () => {
    emrMock
      .on(GetBlockPublicAccessConfigurationCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AccessDeniedException' }));
    await handlerWith().handler(loadEvent('emr-runjobflow-named-groups.json'));
    expect(publishedFindings()).toEqual([
      expect.objectContaining({
        checkId: 'emr-block-public-access',
        severity: 'medium',
        action: expect.objectContaining({ error: { code: 'AccessDeniedException', message: 'no' } }),
      }),
    ]);
  });

  it('publishes the Block Public Access and rule findings of one event in one message', async () => {
    emrMock
      .on(GetBlockPublicAccessConfigurationCommand)
      .resolves(bpa(true, [{ MinRange: 22, MaxRange: 22 }]));
    emrMock.on(DescribeClusterCommand).resolves(described('RUNNING'));
    ec2Mock
      .on(DescribeSecurityGroupRulesCommand)
      .resolves({ SecurityGroupRules: [...emrOwnRules(), worldSsh()] });
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    await handlerWith().handler(loadEvent('emr-state-running.json'));
    expect(callsOf(snsMock)).toEqual([publish]);
    expect(publishedFindings().map((f) => [f.checkId, f.resource.emr?.blockPublicAccess])).toEqual([
      ['emr-block-public-access', 'on, permitted public ports: 22'],
      ['ssh-world-open', 'on, permitted public ports: 22'],
    ]);
  });
});

describe('EMR guard: events it does not act on', () => {
  beforeEach(() => {
    emrMock.reset();
    ec2Mock.reset();
    snsMock.reset();
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
  });

  it.each([
    ['an EC2 security group event', 'authorize-world-ipv4-ssh.json', 'ignored'],
    ['a foreign event', 'foreign-s3-putobject.json', 'ignored'],
    ['the schedule', 'schedule-sweep.json', 'ignored'],
  ])('ignores %s without any AWS call', async (_name, file, status) => {
    await expect(handlerWith().handler(loadEvent(file))).resolves.toMatchObject({ status });
    expect([...callsOf(emrMock), ...callsOf(ec2Mock), ...callsOf(snsMock)]).toEqual([]);
  });

  it('skips a RunJobFlow that failed (errorCode): nothing was created', async () => {
    const event = loadEvent('emr-runjobflow-default-groups.json');
    event.detail.errorCode = 'ValidationException';
    event.detail.responseElements = null;
    await expect(handlerWith().handler(event)).resolves.toMatchObject({ status: 'skipped' });
    expect([...callsOf(emrMock), ...callsOf(ec2Mock), ...callsOf(snsMock)]).toEqual([]);
  });

  it('publishes an unparsed-event finding for a RunJobFlow without a cluster id, and guesses nothing', async () => {
    const event = loadEvent('emr-runjobflow-default-groups.json');
    event.detail.responseElements = {};
    await expect(handlerWith().handler(event)).resolves.toMatchObject({
      status: 'unparsed',
      reason: 'responseElements.jobFlowId missing',
    });
    expect(callsOf(emrMock)).toEqual([]);
    expect(callsOf(ec2Mock)).toEqual([]);
    expect(publishedFindings().map((f) => f.checkId)).toEqual(['unparsed-event']);
  });

  it('throws when SNS publish fails, so Lambda retries and the DLQ catches it', async () => {
    emrMock.on(GetBlockPublicAccessConfigurationCommand).resolves(bpa(false, []));
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: [] });
    snsMock.on(PublishCommand).rejects(Object.assign(new Error('down'), { name: 'InternalError' }));
    await expect(handlerWith().handler(loadEvent('emr-runjobflow-named-groups.json'))).rejects.toThrow(
      /publishing 1 finding\(s\) failed/,
    );
  });
});
