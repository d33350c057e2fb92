import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeManagedPrefixListsCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type EC2ClientConfig,
  GetManagedPrefixListAssociationsCommand,
  GetManagedPrefixListEntriesCommand,
  paginateDescribeSecurityGroupRules,
  paginateGetManagedPrefixListEntries,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  EMRClient,
  GetBlockPublicAccessConfigurationCommand,
  PutBlockPublicAccessConfigurationCommand,
} from '@aws-sdk/client-emr';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeAws, startFakeAws } from './index.js';

let fake: FakeAws;
let ec2: EC2Client;
let sns: SNSClient;
let emr: EMRClient;

const config = (extra: Partial<EC2ClientConfig> = {}) => ({
  region: 'eu-west-1',
  endpoint: fake.url,
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'x' },
  maxAttempts: 1,
  ...extra,
});

/** The rejection of a promise (fails the test if it resolves). */
async function failure(
  p: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number }; code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  fake = await startFakeAws();
  ec2 = new EC2Client(config());
  sns = new SNSClient(config());
  emr = new EMRClient(config());
});

afterAll(async () => {
  for (const c of [ec2, sns, emr]) c.destroy();
  await fake.close();
});

beforeEach(() => fake.reset());

describe('EC2 security group rules', () => {
  it('pages DescribeSecurityGroupRules with real tokens (2500 rules, 1000 a page)', async () => {
    const { GroupId } = fake.state.addGroup();
    const other = fake.state.addGroup().GroupId;
    fake.state.addRule({
      GroupId: other,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
    });
    for (let i = 0; i < 2500; i++) {
      fake.state.addRule({
        GroupId,
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        CidrIpv4: `10.${i >> 8}.${i & 255}.0/24`,
      });
    }
    const sizes: number[] = [];
    const ids = new Set<string>();
    const pages = paginateDescribeSecurityGroupRules(
      { client: ec2, pageSize: 1000 },
      { Filters: [{ Name: 'group-id', Values: [GroupId] }] },
    );
    for await (const page of pages) {
      sizes.push(page.SecurityGroupRules?.length ?? 0);
      for (const r of page.SecurityGroupRules ?? []) ids.add(r.SecurityGroupRuleId ?? '');
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(ids.size).toBe(2500);
    expect(fake.count('DescribeSecurityGroupRules')).toBe(3);

    const bad = await failure(
      ec2.send(new DescribeSecurityGroupRulesCommand({ NextToken: 'bogus', MaxResults: 5 })),
    );
    expect(bad.name).toBe('InvalidPaginationToken');
  });

  it('round-trips every rule field', async () => {
    const { GroupId } = fake.state.addGroup({ GroupId: 'sg-0aaaaaaaaaaaaaaa1' });
    const pl = fake.state.addPrefixList({ PrefixListName: 'office', entries: [{ Cidr: '198.51.100.0/24' }] });
    const ids = [
      fake.state.addRule({
        GroupId,
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        CidrIpv6: '::/0',
        Description: 'v6',
      }),
      fake.state.addRule({ GroupId, IpProtocol: '-1', FromPort: -1, ToPort: -1, PrefixListId: pl }),
      fake.state.addRule({
        GroupId,
        IpProtocol: 'tcp',
        FromPort: 0,
        ToPort: 65535,
        ReferencedGroupInfo: { GroupId: 'sg-0bbbbbbbbbbbbbbb2', UserId: '210987654321' },
      }),
    ];
    const out = await ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ids }));
    expect(out.NextToken).toBeUndefined();
    expect(out.SecurityGroupRules?.map(({ SecurityGroupRuleArn, Tags, ...r }) => r)).toEqual([
      {
        SecurityGroupRuleId: ids[0],
        GroupId,
        GroupOwnerId: '123456789012',
        IsEgress: false,
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        CidrIpv6: '::/0',
        Description: 'v6',
      },
      {
        SecurityGroupRuleId: ids[1],
        GroupId,
        GroupOwnerId: '123456789012',
        IsEgress: false,
        IpProtocol: '-1',
        FromPort: -1,
        ToPort: -1,
        PrefixListId: pl,
      },
      {
        SecurityGroupRuleId: ids[2],
        GroupId,
        GroupOwnerId: '123456789012',
        IsEgress: false,
        IpProtocol: 'tcp',
        FromPort: 0,
        ToPort: 65535,
        ReferencedGroupInfo: { GroupId: 'sg-0bbbbbbbbbbbbbbb2', UserId: '210987654321' },
      },
    ]);
    expect(ids[0]).toMatch(/^sgr-[0-9a-f]{17}$/);
    const missing = await failure(
      ec2.send(new DescribeSecurityGroupRulesCommand({ SecurityGroupRuleIds: ['sgr-0000'] })),
    );
    expect(missing.name).toBe('InvalidSecurityGroupRuleId.NotFound');
  });

  it('revokes by rule id; a second revoke is NotFound; an unknown group is InvalidGroup.NotFound', async () => {
    const { GroupId } = fake.state.addGroup();
    const open = fake.state.addRule({
      GroupId,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
    });
    const keep = fake.state.addRule({
      GroupId,
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      CidrIpv4: '0.0.0.0/0',
    });

    const out = await ec2.send(
      new RevokeSecurityGroupIngressCommand({ GroupId, SecurityGroupRuleIds: [open] }),
    );
    expect(out.Return).toBe(true);
    expect(out.RevokedSecurityGroupRules?.[0]).toMatchObject({
      SecurityGroupRuleId: open,
      CidrIpv4: '0.0.0.0/0',
    });

    const after = await ec2.send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [GroupId] }] }),
    );
    expect(after.SecurityGroupRules?.map((r) => r.SecurityGroupRuleId)).toEqual([keep]);

    const again = await failure(
      ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, SecurityGroupRuleIds: [open] })),
    );
    expect(again.name).toBe('InvalidSecurityGroupRuleId.NotFound');
    expect(again.$metadata?.httpStatusCode).toBe(400);

    const noGroup = await failure(
      ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: 'sg-0123', SecurityGroupRuleIds: [keep] })),
    );
    expect(noGroup.name).toBe('InvalidGroup.NotFound');
  });

  it('revokes by IpPermissions (protocol "6" matches tcp); outside the default VPC an unknown permission fails the call', async () => {
    const { GroupId } = fake.state.addGroup({ VpcId: 'vpc-0ffffffffffffffff' });
    const id = fake.state.addRule({
      GroupId,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
    });
    const out = await ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: '6', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
    expect(out.RevokedSecurityGroupRules?.map((r) => r.SecurityGroupRuleId)).toEqual([id]);
    expect(fake.state.rulesOf(GroupId)).toEqual([]);
    const gone = await failure(
      ec2.send(
        new RevokeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        }),
      ),
    );
    expect(gone.name).toBe('InvalidPermission.NotFound');
  });

  it('outside the default VPC revokes nothing when one of several permissions is unknown', async () => {
    const { GroupId } = fake.state.addGroup({ VpcId: 'vpc-0ffffffffffffffff' });
    fake.state.addRule({ GroupId, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' });
    const edited = await failure(
      ec2.send(
        new RevokeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
          ],
        }),
      ),
    );
    expect(edited.name).toBe('InvalidPermission.NotFound');
    expect(fake.state.rulesOf(GroupId)).toHaveLength(1);
  });

  it('in the default VPC revokes what matches, ignoring the description, and lists the unknown permissions', async () => {
    const { GroupId } = fake.state.addGroup();
    const id = fake.state.addRule({
      GroupId,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
      Description: 'temp',
    });
    const out = await ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.9/32' }] },
        ],
      }),
    );
    expect(out.Return).toBe(true);
    expect(out.RevokedSecurityGroupRules?.map((r) => r.SecurityGroupRuleId)).toEqual([id]);
    expect(out.UnknownIpPermissions?.map((p) => p.IpRanges?.[0]?.CidrIp)).toEqual(['203.0.113.9/32']);
  });

  it('authorizes: returns the created rule set, stores it, rejects duplicates', async () => {
    const { GroupId } = fake.state.addGroup();
    const eic = fake.state.addEicPrefixList();
    const input = {
      GroupId,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          PrefixListIds: [{ PrefixListId: eic, Description: 'EIC' }],
        },
        {
          IpProtocol: 'tcp',
          FromPort: 8080,
          ToPort: 8090,
          IpRanges: [{ CidrIp: '203.0.113.0/24', Description: 'kept' }],
          UserIdGroupPairs: [{ GroupId: 'sg-0ccccccccccccccc3' }],
        },
      ],
    };
    const out = await ec2.send(new AuthorizeSecurityGroupIngressCommand(input));
    expect(out.Return).toBe(true);
    expect(out.SecurityGroupRules).toHaveLength(3);
    expect(out.SecurityGroupRules?.[0]).toMatchObject({
      GroupId,
      PrefixListId: eic,
      Description: 'EIC',
      FromPort: 22,
    });
    expect(out.SecurityGroupRules?.[1]).toMatchObject({
      CidrIpv4: '203.0.113.0/24',
      FromPort: 8080,
      ToPort: 8090,
    });
    expect(out.SecurityGroupRules?.[2]?.ReferencedGroupInfo?.GroupId).toBe('sg-0ccccccccccccccc3');
    expect(fake.state.rulesOf(GroupId).map((r) => r.SecurityGroupRuleId)).toEqual(
      out.SecurityGroupRules?.map((r) => r.SecurityGroupRuleId),
    );

    const dup = await failure(ec2.send(new AuthorizeSecurityGroupIngressCommand(input)));
    expect(dup.name).toBe('InvalidPermission.Duplicate');
    const badPl = await failure(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: [{ PrefixListId: 'pl-nope' }] },
          ],
        }),
      ),
    );
    expect(badPl.name).toBe('InvalidPrefixListID.NotFound');
  });

  it('describes security groups by id, by name (default VPC) and by filter, with their permissions', async () => {
    const web = fake.state.addGroup({ GroupName: 'web', Tags: [{ Key: 'team', Value: 'a' }] });
    fake.state.addGroup({ GroupName: 'db', VpcId: 'vpc-0ffffffffffffffff' });
    fake.state.addRule({
      GroupId: web.GroupId,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
    });

    const byId = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [web.GroupId] }));
    expect(byId.SecurityGroups?.[0]).toMatchObject({
      GroupId: web.GroupId,
      GroupName: 'web',
      VpcId: web.VpcId,
      OwnerId: '123456789012',
      Tags: [{ Key: 'team', Value: 'a' }],
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    });
    const byName = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['web'] }));
    expect(byName.SecurityGroups?.map((g) => g.GroupId)).toEqual([web.GroupId]);
    const byVpc = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: ['vpc-0ffffffffffffffff'] }] }),
    );
    expect(byVpc.SecurityGroups?.map((g) => g.GroupName)).toEqual(['db']);
    const missing = await failure(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0404'] })));
    expect(missing.name).toBe('InvalidGroup.NotFound');
  });

  it('keeps state per region (from the SigV4 credential scope)', async () => {
    fake.state.region('us-east-1').addGroup({ GroupName: 'east' });
    const east = new EC2Client({ ...config(), region: 'us-east-1' });
    const there = await east.send(new DescribeSecurityGroupsCommand({}));
    const here = await ec2.send(new DescribeSecurityGroupsCommand({}));
    east.destroy();
    expect(there.SecurityGroups?.map((g) => g.GroupName)).toEqual(['east']);
    expect(here.SecurityGroups).toEqual([]);
    expect(fake.calls.map((c) => c.region)).toEqual(['us-east-1', 'eu-west-1']);
  });
});

describe('EC2 prefix lists and regions', () => {
  it('describes prefix lists, pages entries and lists associations', async () => {
    const pl = fake.state.addPrefixList({
      PrefixListName: 'vendors',
      entries: [
        { Cidr: '198.51.100.0/24', Description: 'a' },
        { Cidr: '0.0.0.0/0' },
        { Cidr: '203.0.113.0/24' },
      ],
    });
    const eic = fake.state.addEicPrefixList();
    const g1 = fake.state.addGroup().GroupId;
    const g2 = fake.state.addGroup({ OwnerId: '210987654321' }).GroupId;
    fake.state.addRule({ GroupId: g1, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListId: pl });
    fake.state.addRule({ GroupId: g1, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, PrefixListId: pl });
    fake.state.addRule({ GroupId: g2, IpProtocol: '-1', FromPort: -1, ToPort: -1, PrefixListId: pl });

    const named = await ec2.send(
      new DescribeManagedPrefixListsCommand({
        Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.eu-west-1.ec2-instance-connect'] }],
      }),
    );
    expect(named.PrefixLists).toEqual([
      expect.objectContaining({
        PrefixListId: eic,
        OwnerId: 'AWS',
        AddressFamily: 'IPv4',
        State: 'create-complete',
      }),
    ]);
    const byId = await ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [pl] }));
    expect(byId.PrefixLists?.[0]).toMatchObject({ PrefixListName: 'vendors', OwnerId: '123456789012' });

    const entries = [];
    for await (const page of paginateGetManagedPrefixListEntries(
      { client: ec2, pageSize: 2 },
      { PrefixListId: pl },
    )) {
      entries.push(...(page.Entries ?? []));
    }
    expect(entries).toEqual([
      { Cidr: '198.51.100.0/24', Description: 'a' },
      { Cidr: '0.0.0.0/0' },
      { Cidr: '203.0.113.0/24' },
    ]);
    expect(fake.count('GetManagedPrefixListEntries')).toBe(2);

    const assoc = await ec2.send(new GetManagedPrefixListAssociationsCommand({ PrefixListId: pl }));
    expect(assoc.PrefixListAssociations).toEqual([
      { ResourceId: g1, ResourceOwner: '123456789012' },
      { ResourceId: g2, ResourceOwner: '210987654321' },
    ]);
    const none = await failure(
      ec2.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: 'pl-0nope' })),
    );
    expect(none.name).toBe('InvalidPrefixListID.NotFound');
  });

  it('describes the configured regions', async () => {
    fake.state.regions = ['eu-west-1', 'ap-southeast-2'];
    const out = await ec2.send(new DescribeRegionsCommand({}));
    expect(out.Regions).toEqual([
      {
        RegionName: 'eu-west-1',
        Endpoint: 'ec2.eu-west-1.amazonaws.com',
        OptInStatus: 'opt-in-not-required',
      },
      {
        RegionName: 'ap-southeast-2',
        Endpoint: 'ec2.ap-southeast-2.amazonaws.com',
        OptInStatus: 'opt-in-not-required',
      },
    ]);
  });
});

describe('SNS Publish', () => {
  const TopicArn = 'arn:aws:sns:eu-west-1:123456789012:ssh-ingress-guard-findings';

  it('records the message, structure, subject and attributes', async () => {
    const Message = JSON.stringify({ default: '{"a":1}', email: 'hello' });
    const out = await sns.send(
      new PublishCommand({
        TopicArn,
        Message,
        Subject: '[ssh-ingress-guard] REVOKED tcp/22',
        MessageStructure: 'json',
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: 'critical' },
          region: { DataType: 'String', StringValue: 'eu-west-1' },
        },
      }),
    );
    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.state.published).toEqual([
      {
        MessageId: out.MessageId,
        region: 'eu-west-1',
        TopicArn,
        Message,
        Subject: '[ssh-ingress-guard] REVOKED tcp/22',
        MessageStructure: 'json',
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: 'critical' },
          region: { DataType: 'String', StringValue: 'eu-west-1' },
        },
      },
    ]);
  });

  it('enforces SNS input limits', async () => {
    const long = await failure(
      sns.send(new PublishCommand({ TopicArn, Message: 'x', Subject: 's'.repeat(101) })),
    );
    // The SDK maps SNS wire codes to its modeled names: InvalidParameter -> InvalidParameterException.
    expect(long.name).toBe('InvalidParameterException');
    const noDefault = await failure(
      sns.send(new PublishCommand({ TopicArn, Message: '{"email":"x"}', MessageStructure: 'json' })),
    );
    expect(noDefault.message).toMatch(/No default entry/);
    const big = await failure(sns.send(new PublishCommand({ TopicArn, Message: 'x'.repeat(262_145) })));
    expect(big.message).toMatch(/too long/);
    expect(fake.state.published).toEqual([]);
  });
});

describe('EMR', () => {
  it('describes a cluster and rejects an unknown id', async () => {
    const Id = fake.state.addCluster({
      Name: 'etl',
      Status: { State: 'STARTING' },
      Ec2InstanceAttributes: {
        EmrManagedMasterSecurityGroup: 'sg-0master000000000',
        EmrManagedSlaveSecurityGroup: 'sg-0slave0000000000',
        AdditionalMasterSecurityGroups: ['sg-0extra0000000000'],
        Ec2SubnetId: 'subnet-0123',
      },
      CreationDateTime: new Date('2024-05-01T10:00:00Z'),
    });
    const out = await emr.send(new DescribeClusterCommand({ ClusterId: Id }));
    expect(out.Cluster).toMatchObject({
      Id,
      Name: 'etl',
      Status: { State: 'STARTING', Timeline: { CreationDateTime: new Date('2024-05-01T10:00:00Z') } },
      Ec2InstanceAttributes: {
        EmrManagedMasterSecurityGroup: 'sg-0master000000000',
        AdditionalMasterSecurityGroups: ['sg-0extra0000000000'],
      },
    });
    const bad = await failure(emr.send(new DescribeClusterCommand({ ClusterId: 'j-NOPE' })));
    expect(bad.name).toBe('InvalidRequestException');
    expect(bad.message).toBe("Cluster id 'j-NOPE' is not valid.");
  });

  it('gets and puts the block public access configuration', async () => {
    const before = await emr.send(new GetBlockPublicAccessConfigurationCommand({}));
    expect(before.BlockPublicAccessConfiguration).toEqual({
      BlockPublicSecurityGroupRules: true,
      PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 22, MaxRange: 22 }],
    });
    expect(before.BlockPublicAccessConfigurationMetadata?.CreationDateTime).toBeInstanceOf(Date);
    await emr.send(
      new PutBlockPublicAccessConfigurationCommand({
        BlockPublicAccessConfiguration: {
          BlockPublicSecurityGroupRules: true,
          PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 443, MaxRange: 443 }],
        },
      }),
    );
    const after = await emr.send(new GetBlockPublicAccessConfigurationCommand({}));
    expect(after.BlockPublicAccessConfiguration?.PermittedPublicSecurityGroupRuleRanges).toEqual([
      { MinRange: 443, MaxRange: 443 },
    ]);
    expect(fake.state.region('eu-west-1').blockPublicAccess.PermittedPublicSecurityGroupRuleRanges).toEqual([
      { MinRange: 443, MaxRange: 443 },
    ]);
  });
});

describe('faults', () => {
  it('throttle: EC2 RequestLimitExceeded (503), SNS Throttling; the SDK retries it', async () => {
    fake.faults.add({ kind: 'throttle' });
    const e1 = await failure(ec2.send(new DescribeRegionsCommand({})));
    expect(e1.name).toBe('RequestLimitExceeded');
    expect(e1.$metadata?.httpStatusCode).toBe(503);
    const e2 = await failure(
      sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t', Message: 'm' })),
    );
    expect(e2.name).toBe('Throttling');
    expect(e2.$metadata?.httpStatusCode).toBe(400);

    fake.reset();
    fake.faults.add({ kind: 'throttle', action: 'DescribeRegions', times: 1 });
    const retrying = new EC2Client(config({ maxAttempts: 2 }));
    const out = await retrying.send(new DescribeRegionsCommand({}));
    retrying.destroy();
    expect(out.Regions?.length).toBe(3);
    expect(fake.calls.map((c) => [c.fault, c.status])).toEqual([
      ['throttle', 503],
      [undefined, 200],
    ]);
    expect(fake.faults.list).toEqual([]);
  });

  it('server-error: 500 InternalError', async () => {
    fake.faults.add({ kind: 'server-error', service: 'ec2' });
    const e = await failure(ec2.send(new DescribeRegionsCommand({})));
    expect(e.name).toBe('InternalError');
    expect(e.$metadata?.httpStatusCode).toBe(500);
    await expect(emr.send(new GetBlockPublicAccessConfigurationCommand({}))).resolves.toBeDefined();
  });

  it('error: a given code and status, only on the named action', async () => {
    const { GroupId } = fake.state.addGroup();
    const id = fake.state.addRule({
      GroupId,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
    });
    fake.faults.add({
      kind: 'error',
      action: 'RevokeSecurityGroupIngress',
      code: 'UnauthorizedOperation',
      status: 403,
    });
    fake.faults.add({ kind: 'error', action: 'Publish', code: 'AuthorizationError', status: 403 });
    const denied = await failure(
      ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, SecurityGroupRuleIds: [id] })),
    );
    expect(denied.name).toBe('UnauthorizedOperation');
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    await expect(ec2.send(new DescribeSecurityGroupRulesCommand({}))).resolves.toBeDefined();
    const snsDenied = await failure(
      sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t', Message: 'm' })),
    );
    expect(snsDenied.name).toBe('AuthorizationErrorException');
    expect(fake.state.rulesOf(GroupId)).toHaveLength(1);
    expect(fake.state.published).toEqual([]);
  });

  it('reset: the socket is destroyed without a response', async () => {
    const handle = fake.faults.add({ kind: 'reset', action: 'DescribeRegions', times: 1 });
    const e = await failure(ec2.send(new DescribeRegionsCommand({})));
    expect(`${e.code} ${e.message}`).toMatch(/ECONNRESET|socket hang up/);
    expect(handle.hits).toBe(1);
    await expect(ec2.send(new DescribeRegionsCommand({}))).resolves.toBeDefined();
    expect(fake.calls.map((c) => c.status)).toEqual([0, 200]);
  });

  it('delay: requestTimeout aborts only with throwOnRequestTimeout; socketTimeout always does', async () => {
    fake.faults.add({ kind: 'delay', ms: 1500, region: 'eu-west-1' });
    for (const requestHandler of [
      { requestTimeout: 200, throwOnRequestTimeout: true },
      { socketTimeout: 200 },
    ]) {
      const impatient = new EC2Client(config({ requestHandler }));
      const started = Date.now();
      const e = await failure(impatient.send(new DescribeRegionsCommand({})));
      impatient.destroy();
      expect(e.name).toBe('TimeoutError');
      expect(Date.now() - started).toBeLessThan(1200);
    }
    expect(fake.calls.map((c) => [c.action, c.fault])).toEqual([
      ['DescribeRegions', 'delay'],
      ['DescribeRegions', 'delay'],
    ]);
  });

  it('delay: requestTimeout alone (smithy default) only logs a warning and keeps waiting', async () => {
    fake.faults.add({ kind: 'delay', ms: 600 });
    const warnings: unknown[] = [];
    const logger = { debug() {}, info() {}, warn: (m: unknown) => warnings.push(m), error() {} };
    const patient = new EC2Client(config({ requestHandler: { requestTimeout: 200, logger } }));
    const out = await patient.send(new DescribeRegionsCommand({}));
    patient.destroy();
    expect(out.Regions?.length).toBe(3);
    expect(String(warnings[0])).toMatch(/exceeded the configured 200 ms requestTimeout/);
  });

  it('calls: records service, action, region, params and status of every request', async () => {
    fake.faults.add({ kind: 'throttle', action: 'Publish', times: 1 });
    await failure(
      sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t', Message: 'm' })),
    );
    await sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t', Message: 'm' }));
    await failure(emr.send(new DescribeClusterCommand({ ClusterId: 'j-X' })));
    expect(fake.calls).toEqual([
      expect.objectContaining({ service: 'sns', action: 'Publish', status: 400, fault: 'throttle' }),
      expect.objectContaining({ service: 'sns', action: 'Publish', status: 200, region: 'eu-west-1' }),
      {
        service: 'emr',
        action: 'DescribeCluster',
        region: 'eu-west-1',
        params: { ClusterId: 'j-X' },
        status: 400,
      },
    ]);
    expect(fake.calls[1]?.params).toMatchObject({
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t',
      Message: 'm',
    });
    expect(fake.count('Publish')).toBe(2);
    expect(fake.count(undefined, 'emr')).toBe(1);
  });
});

describe('AWS_ENDPOINT_URL', () => {
  it('points every client of another process at the fake (as for the built Lambda bundle)', async () => {
    fake.state.addCluster({ Id: 'j-ENVTEST' });
    const script = `
      import { EC2Client, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
      import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
      import { EMRClient, DescribeClusterCommand } from '@aws-sdk/client-emr';
      await new EC2Client({}).send(new DescribeRegionsCommand({}));
      await new SNSClient({}).send(new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t', Message: 'm' }));
      await new EMRClient({}).send(new DescribeClusterCommand({ ClusterId: 'j-ENVTEST' }));`;
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { ...process.env, ...fake.env(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect(fake.calls.map((c) => `${c.service}:${c.action}:${c.status}`)).toEqual([
      'ec2:DescribeRegions:200',
      'sns:Publish:200',
      'emr:DescribeCluster:200',
    ]);
  });
});
