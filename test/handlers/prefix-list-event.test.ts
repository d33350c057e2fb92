import {
  DescribeManagedPrefixListsCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  GetManagedPrefixListAssociationsCommand,
  GetManagedPrefixListEntriesCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEc2Port } from '../../functions/adapters/ec2-adapter.js';
import { createSnsPublisher } from '../../functions/adapters/sns-adapter.js';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent, loadEvent, loadManifest } from '../support/events.js';
import { parsePublished } from '../support/finding-schema.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { ruleOf } from '../support/policy.js';
import { judgedTcp, revokedAsAsked } from '../support/revoke-answer.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const LIST = 'pl-0c0ffee0c0ffee001';
const GROUP = 'sg-0b1b2b3b4b5b6b7b8';
const ec2Mock = mockClient(EC2Client);
const snsMock = mockClient(SNSClient);

function handlerWith(env: Record<string, string> = {}) {
  const ec2 = new EC2Client({ region: 'eu-west-1' });
  return makeGuardHandler(
    loadConfig({ TOPIC_ARN: TOPIC, ...env }),
    {
      ec2For: () => createEc2Port(ec2, silentLog),
      publisher: createSnsPublisher(new SNSClient({ region: 'eu-west-1' }), TOPIC),
      now: () => new Date('2026-11-21T10:00:00Z'),
    },
    silentLog,
  );
}

/** One group whose tcp/22 rule references the list, and a second rule that is private. */
function seedGroupUsingList(entries: string[]) {
  ec2Mock.on(GetManagedPrefixListAssociationsCommand).resolves({
    PrefixListAssociations: [{ ResourceId: GROUP, ResourceOwner: '123456789012' }],
  });
  ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({
    SecurityGroupRules: [
      {
        SecurityGroupRuleId: 'sgr-0c0c0c0c0c0c0c0c1',
        GroupId: GROUP,
        IsEgress: false,
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        PrefixListId: LIST,
      },
      {
        SecurityGroupRuleId: 'sgr-0c0c0c0c0c0c0c0c2',
        GroupId: GROUP,
        IsEgress: false,
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        CidrIpv4: '10.0.0.0/8',
      },
    ],
  });
  ec2Mock.on(DescribeManagedPrefixListsCommand).resolves({
    PrefixLists: [{ PrefixListId: LIST, PrefixListName: 'ops-bastion-sources', OwnerId: '123456789012' }],
  });
  ec2Mock.on(GetManagedPrefixListEntriesCommand).resolves({ Entries: entries.map((Cidr) => ({ Cidr })) });
}

const calls = () =>
  ec2Mock.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);

describe('ModifyManagedPrefixList: every group that references the list is re-evaluated', () => {
  beforeEach(() => {
    ec2Mock.reset();
    snsMock.reset();
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .callsFake(revokedAsAsked({ [LIST]: 'sgr-0c0c0c0c0c0c0c0c1' }));
    snsMock.on(PublishCommand).resolves({ MessageId: 'm' });
  });

  it('finds the groups, reads them and the list afresh, revokes the rule that references it, publishes once', async () => {
    seedGroupUsingList(['10.0.0.0/8', '0.0.0.0/0']);
    const result = await handlerWith()(loadEvent('prefix-list-modified-add-world.json'));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(calls()).toEqual([
      'GetManagedPrefixListAssociationsCommand',
      'DescribeSecurityGroupRulesCommand',
      'DescribeManagedPrefixListsCommand',
      'GetManagedPrefixListEntriesCommand',
      'RevokeSecurityGroupIngressCommand',
    ]);
    expect(ec2Mock.commandCalls(GetManagedPrefixListAssociationsCommand)[0]?.args[0].input).toMatchObject({
      PrefixListId: LIST,
    });
    expect(ec2Mock.commandCalls(DescribeSecurityGroupRulesCommand)[0]?.args[0].input).toMatchObject({
      Filters: [{ Name: 'group-id', Values: [GROUP] }],
    });
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: GROUP,
      IpPermissions: [judgedTcp(LIST)],
    });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    const document = parsePublished(snsMock.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '');
    expect(document.default.findings).toEqual([
      expect.objectContaining({
        checkId: 'ssh-world-open',
        resource: expect.objectContaining({ source: LIST, ruleId: 'sgr-0c0c0c0c0c0c0c0c1' }),
        trigger: expect.objectContaining({ eventName: 'ModifyManagedPrefixList' }),
      }),
    ]);
  });

  it('judges nothing while the edit is still in progress: it throws so the retry judges the settled list', async () => {
    seedGroupUsingList(['10.0.0.0/8', '172.16.0.0/12']);
    ec2Mock.on(DescribeManagedPrefixListsCommand).resolves({
      PrefixLists: [{ PrefixListId: LIST, OwnerId: '123456789012', Version: 4, State: 'modify-in-progress' }],
    });
    await expect(handlerWith()(loadEvent('prefix-list-modified-add-several.json'))).rejects.toMatchObject({
      name: 'PrefixListSettlingError',
    });
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
    expect(snsMock.calls()).toHaveLength(0);
    seedGroupUsingList(['10.0.0.0/8', '198.51.100.0/24', '0.0.0.0/0']);
    ec2Mock.on(DescribeManagedPrefixListsCommand).resolves({
      PrefixLists: [{ PrefixListId: LIST, OwnerId: '123456789012', Version: 5, State: 'modify-complete' }],
    });
    await expect(handlerWith()(loadEvent('prefix-list-modified-add-several.json'))).resolves.toMatchObject({
      violations: 1,
      actions: { revoked: 1 },
    });
  });

  it('revokes nothing for a delayed edit whose world entry was removed since (stale prefix-list event)', async () => {
    seedGroupUsingList(['10.0.0.0/8']);
    ec2Mock.on(DescribeManagedPrefixListsCommand).resolves({
      PrefixLists: [{ PrefixListId: LIST, OwnerId: '123456789012', Version: 7, State: 'modify-complete' }],
    });
    const result = await handlerWith()(loadEvent('prefix-list-modified-add-world.json'));
    expect(result).toMatchObject({ violations: 0 });
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
  });

  it('makes one call and publishes nothing when no group references the list', async () => {
    ec2Mock.on(GetManagedPrefixListAssociationsCommand).resolves({ PrefixListAssociations: [] });
    const result = await handlerWith()(loadEvent('prefix-list-modified-add-world.json'));
    expect(result).toMatchObject({
      status: 'handled',
      rulesEvaluated: 0,
      reason: `no security group references ${LIST}`,
    });
    expect(calls()).toEqual(['GetManagedPrefixListAssociationsCommand']);
    expect(snsMock.calls()).toHaveLength(0);
  });

  it('makes no AWS call for an edit that only removes entries', async () => {
    const event = cloudTrailEvent('ModifyManagedPrefixList', {
      ModifyManagedPrefixListRequest: { PrefixListId: LIST, RemoveEntry: { cidr: '10.0.0.0/8', tag: '1' } },
    });
    await expect(handlerWith()(event)).resolves.toMatchObject({ status: 'handled', rulesEvaluated: 0 });
    expect(ec2Mock.calls().length + snsMock.calls().length).toBe(0);
  });

  it('publishes an unparsed-event finding for a record it does not understand, and changes nothing', async () => {
    const event = cloudTrailEvent('ModifyManagedPrefixList', { something: 'else' });
    await expect(handlerWith()(event)).resolves.toMatchObject({ status: 'unparsed' });
    expect(ec2Mock.calls()).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('catches aggregate exposure the list creates with the group’s other rules', async () => {
    seedGroupUsingList(['11.128.0.0/9']);
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        {
          SecurityGroupRuleId: 'sgr-0c0c0c0c0c0c0c0c1',
          GroupId: GROUP,
          IsEgress: false,
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          PrefixListId: LIST,
        },
        {
          SecurityGroupRuleId: 'sgr-0c0c0c0c0c0c0c0c3',
          GroupId: GROUP,
          IsEgress: false,
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          CidrIpv4: '11.0.0.0/9',
        },
      ],
    });
    const event = cloudTrailEvent('ModifyManagedPrefixList', {
      ModifyManagedPrefixListRequest: { PrefixListId: LIST, AddEntry: { cidr: '11.128.0.0/9', tag: '1' } },
    });
    await expect(handlerWith()(event)).resolves.toMatchObject({
      violations: 1,
      actions: { revoked: 1, review: 1 },
    });
  });
});

describe('the prefix-list samples in events/ on in-memory ports', () => {
  const samples = loadManifest().filter((e) => e.trigger === 'prefix-list');

  it.each(samples.map((e) => [e.file, e.expect]))('%s → %s', async (file, expected) => {
    const { deps, ec2For, publisher } = inMemoryDeps();
    const ec2 = ec2For('eu-west-1');
    ec2.prefixLists.set(LIST, {
      id: LIST,
      name: 'ops-bastion-sources',
      ownerId: '123456789012',
      // The list as the edit left it: the guard judges the list's current version.
      entries: ['10.0.0.0/8', '0.0.0.0/0'],
    });
    const usesList = ruleOf({ groupId: GROUP, source: { kind: 'prefix-list', prefixListId: LIST } });
    ec2.addRules(usesList, ruleOf({ groupId: 'sg-0ffffffffffffffff' }));
    const result = await makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC }), deps, silentLog)(loadEvent(file));
    expect(expected).toBe('world-open');
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(ec2.rules.has(usesList.ruleId as string)).toBe(false);
    expect(ec2.rules.size).toBe(1);
    expect(publisher.messages).toHaveLength(1);
  });
});
