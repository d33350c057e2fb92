import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeManagedPrefixListsCommand,
  type DescribeManagedPrefixListsCommandInput,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEc2Port } from '../../functions/adapters/ec2-adapter.js';
import { createSnsPublisher } from '../../functions/adapters/sns-adapter.js';
import { loadConfig } from '../../functions/config/config.js';
import type { Ec2Port } from '../../functions/deps.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { createEicListCache } from '../../functions/pipeline/eic-list-cache.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet, worldSshRequest } from '../support/events.js';
import { parsePublished } from '../support/finding-schema.js';
import { judgedAll, judgedTcp, revokedAsAsked } from '../support/revoke-answer.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const GROUP = 'sg-0a1b2c3d4e5f60001';
const RULE = 'sgr-0123456789abcdef0';
const EIC4 = 'pl-0e4bcff02b13bef1e';
const EIC6 = 'pl-0c3f1a9e27d4b5a66';
const CUSTOMER_LIST = 'pl-0a1b2c3d4e5f60077';
const ec2Mock = mockClient(EC2Client);
const snsMock = mockClient(SNSClient);

function handlerWith(mode: string, port?: Ec2Port) {
  const ec2 = port ?? createEc2Port(new EC2Client({ region: 'eu-west-1' }), silentLog);
  return makeGuardHandler(
    loadConfig({ TOPIC_ARN: TOPIC, REMEDIATION_MODE: mode }),
    {
      ec2For: () => ec2,
      publisher: createSnsPublisher(new SNSClient({ region: 'eu-west-1' }), TOPIC),
      now: () => new Date('2026-11-21T10:00:00Z'),
      // One handler is one container: the EIC lists it looked up live as long as it does.
      eicLists: createEicListCache(),
    },
    silentLog,
  );
}

/** Every EC2 call, in order, as [command, input]: what the tables assert. */
const ec2Calls = () => ec2Mock.calls().map((c) => [c.args[0].constructor.name, c.args[0].input]);

function publishedFinding() {
  const publish = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
  const document = parsePublished(publish?.Message ?? '').default as { findings: Record<string, never>[] };
  return document.findings[0] as unknown as {
    action: { type: string; note?: string; changes?: unknown[] };
    guidance: string;
  };
}

const eventWith = (item: Record<string, unknown>) =>
  cloudTrailEvent('AuthorizeSecurityGroupIngress', worldSshRequest(), withRuleSet(ruleSetItem(item)));

/** The rule forms of the acceptance list; `description` proves it is copied onto what is kept. */
const FORMS = {
  ipv4: { description: 'ops' },
  ipv6: { cidrIpv4: undefined, cidrIpv6: '::/0', description: 'ops' },
  'tcp 0-65535': { fromPort: 0, toPort: 65535, description: 'ops' },
  'tcp 20-30': { fromPort: 20, toPort: 30, description: 'ops' },
  'all traffic IPv4': { ipProtocol: '-1', fromPort: -1, toPort: -1, description: 'ops' },
  'all traffic IPv6': {
    ipProtocol: '-1',
    fromPort: -1,
    toPort: -1,
    cidrIpv4: undefined,
    cidrIpv6: '::/0',
    description: 'ops',
  },
  'prefix list tcp 0-65535': {
    fromPort: 0,
    toPort: 65535,
    cidrIpv4: undefined,
    prefixListId: CUSTOMER_LIST,
    description: 'ops',
  },
} as const;

const v4 = (from: number, to: number, protocol = 'tcp') => ({
  IpProtocol: protocol,
  FromPort: from,
  ToPort: to,
  IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ops' }],
});
const v6 = (from: number, to: number, protocol = 'tcp') => ({
  IpProtocol: protocol,
  FromPort: from,
  ToPort: to,
  Ipv6Ranges: [{ CidrIpv6: '::/0', Description: 'ops' }],
});
const viaList = (from: number, to: number) => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  PrefixListIds: [{ PrefixListId: CUSTOMER_LIST, Description: 'ops' }],
});
const eicFrom = (list: string) => ({
  IpProtocol: 'tcp',
  FromPort: 22,
  ToPort: 22,
  PrefixListIds: [{ PrefixListId: list, Description: 'EC2 Instance Connect (added by ssh-ingress-guard)' }],
});

const authorize = (...IpPermissions: object[]) => [
  'AuthorizeSecurityGroupIngressCommand',
  { GroupId: GROUP, IpPermissions },
];
/** The permission each form's rule is revoked by: exactly what was judged, so EC2 removes it only if unchanged. */
const JUDGED: Record<keyof typeof FORMS, object> = {
  ipv4: judgedTcp('0.0.0.0/0'),
  ipv6: judgedTcp('::/0'),
  'tcp 0-65535': judgedTcp('0.0.0.0/0', 0, 65535),
  'tcp 20-30': judgedTcp('0.0.0.0/0', 20, 30),
  'all traffic IPv4': judgedAll('0.0.0.0/0'),
  'all traffic IPv6': judgedAll('::/0'),
  'prefix list tcp 0-65535': judgedTcp(CUSTOMER_LIST, 0, 65535),
};
const revokeOf = (form: keyof typeof FORMS, ...more: object[]) => [
  'RevokeSecurityGroupIngressCommand',
  { GroupId: GROUP, IpPermissions: [JUDGED[form], ...more] },
];
const revoke = revokeOf('ipv4');
const readCustomerList = [
  ['DescribeManagedPrefixListsCommand', { PrefixListIds: [CUSTOMER_LIST] }],
  [
    'GetManagedPrefixListEntriesCommand',
    { PrefixListId: CUSTOMER_LIST, MaxResults: 100, NextToken: undefined },
  ],
];
const lookUpEic = [
  'DescribeManagedPrefixListsCommand',
  {
    Filters: [
      {
        Name: 'prefix-list-name',
        Values: [
          'com.amazonaws.eu-west-1.ec2-instance-connect',
          'com.amazonaws.eu-west-1.ipv6.ec2-instance-connect',
        ],
      },
    ],
  },
];

function answerPrefixLists(eicLists: { id: string; name: string }[]) {
  ec2Mock.on(DescribeManagedPrefixListsCommand).callsFake((input: DescribeManagedPrefixListsCommandInput) =>
    input.Filters
      ? {
          PrefixLists: eicLists.map((l) => ({
            PrefixListId: l.id,
            PrefixListName: l.name,
            OwnerId: 'AWS',
          })),
        }
      : {
          PrefixLists: [{ PrefixListId: CUSTOMER_LIST, PrefixListName: 'partners', OwnerId: '123456789012' }],
        },
  );
}

const BOTH_EIC_LISTS = [
  { id: EIC4, name: 'com.amazonaws.eu-west-1.ec2-instance-connect' },
  { id: EIC6, name: 'com.amazonaws.eu-west-1.ipv6.ec2-instance-connect' },
];

beforeEach(() => {
  ec2Mock.reset();
  snsMock.reset();
  ec2Mock
    .on(RevokeSecurityGroupIngressCommand)
    .callsFake(revokedAsAsked({ '0.0.0.0/0': RULE, '::/0': RULE, [CUSTOMER_LIST]: RULE }));
  ec2Mock.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true, SecurityGroupRules: [] });
  ec2Mock.on(GetManagedPrefixListEntriesCommand).resolves({ Entries: [{ Cidr: '0.0.0.0/0' }] });
  answerPrefixLists(BOTH_EIC_LISTS);
  snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
});

describe('narrow mode: revoke the wide rule by its judged permission, then authorize what is kept once EC2 says it went', () => {
  it.each<[keyof typeof FORMS, string, unknown[]]>([
    ['ipv4', 'revoked', [revokeOf('ipv4')]],
    ['ipv6', 'revoked', [revokeOf('ipv6')]],
    ['tcp 0-65535', 'narrowed', [revokeOf('tcp 0-65535'), authorize(v4(0, 21), v4(23, 65535))]],
    ['tcp 20-30', 'narrowed', [revokeOf('tcp 20-30'), authorize(v4(20, 21), v4(23, 30))]],
    [
      'all traffic IPv4',
      'narrowed',
      [
        revokeOf('all traffic IPv4'),
        authorize(v4(0, 21), v4(23, 65535), v4(0, 65535, 'udp'), v4(-1, -1, 'icmp')),
      ],
    ],
    [
      'all traffic IPv6',
      'narrowed',
      [
        revokeOf('all traffic IPv6'),
        authorize(v6(0, 21), v6(23, 65535), v6(0, 65535, 'udp'), v6(-1, -1, 'icmpv6')),
      ],
    ],
    [
      'prefix list tcp 0-65535',
      'narrowed',
      [
        ...readCustomerList,
        revokeOf('prefix list tcp 0-65535'),
        authorize(viaList(0, 21), viaList(23, 65535)),
      ],
    ],
  ])('%s: %s with exactly these EC2 calls', async (form, action, calls) => {
    const result = await handlerWith('narrow')(eventWith(FORMS[form]));
    expect(result).toMatchObject({ status: 'handled', actions: { [action]: 1 } });
    expect(ec2Calls()).toEqual(calls);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
  });

  it('says what stays open and how to connect now', async () => {
    await handlerWith('narrow')(eventWith(FORMS['all traffic IPv4']));
    const finding = publishedFinding();
    expect(finding.guidance).toContain('tcp/0-21, tcp/23-65535, udp/all, icmp/all still open to 0.0.0.0/0');
    expect(finding.guidance).toContain('Not kept: IP protocols other than tcp, udp and ICMP');
    expect(finding.guidance).toContain('aws ec2-instance-connect ssh --instance-id');
    expect(finding.guidance).toContain('aws ssm start-session');
  });

  it('explains that a rule of only SSH had nothing to keep', async () => {
    await handlerWith('narrow')(eventWith(FORMS.ipv4));
    expect(publishedFinding().action.note).toBe(
      'the rule opened only watched ports, so there was nothing to keep',
    );
  });

  it.each([
    [
      'RulesPerSecurityGroupLimitExceeded',
      'The maximum number of rules per security group has been reached.',
    ],
    ['UnauthorizedOperation', 'You are not authorized to perform this operation.'],
  ])(
    'falls back to revoking the whole rule when authorize answers %s, and says so',
    async (code, message) => {
      ec2Mock
        .on(AuthorizeSecurityGroupIngressCommand)
        .rejects(Object.assign(new Error(message), { name: code }));
      const result = await handlerWith('narrow')(eventWith(FORMS['tcp 0-65535']));
      expect(result).toMatchObject({ actions: { revoked: 1 } });
      expect(ec2Calls()).toEqual([revokeOf('tcp 0-65535'), authorize(v4(0, 21), v4(23, 65535))]);
      const finding = publishedFinding();
      expect(finding.action.note).toMatch(
        new RegExp(`^narrowing failed \\(${code}\\), rule revoked entirely`),
      );
      expect(finding.action.changes).toEqual([
        { call: 'RevokeSecurityGroupIngress', groupId: GROUP, outcome: 'succeeded', ruleIds: [RULE] },
        {
          call: 'AuthorizeSecurityGroupIngress',
          groupId: GROUP,
          outcome: 'failed',
          permissions: ['tcp/0-21 from 0.0.0.0/0', 'tcp/23-65535 from 0.0.0.0/0'],
          error: { code, message },
        },
      ]);
      expect(finding.guidance).toContain('The whole rule (tcp/0-65535) went with it');
    },
  );

  it('falls back to revoke when the remainder cannot be written (ICMP of a list of unclear address family)', async () => {
    ec2Mock
      .on(GetManagedPrefixListEntriesCommand)
      .resolves({ Entries: [{ Cidr: '0.0.0.0/0' }, { Cidr: '::/0' }] });
    await handlerWith('narrow')(
      eventWith({ ...FORMS['all traffic IPv4'], cidrIpv4: undefined, prefixListId: CUSTOMER_LIST }),
    );
    expect(ec2Calls().map(([name]) => name)).not.toContain('AuthorizeSecurityGroupIngressCommand');
    expect(publishedFinding().action).toMatchObject({
      type: 'revoked',
      note: expect.stringMatching(/^not narrowed: the address family of prefix list pl-/),
    });
  });

  it('adds one by one when some kept ranges already exist, counting those as present', async () => {
    // EC2 refuses the whole call when one permission exists; the guard then adds each on its own.
    ec2Mock
      .on(AuthorizeSecurityGroupIngressCommand)
      .callsFake((input: { IpPermissions: { FromPort: number }[] }) => {
        if (input.IpPermissions.some((p) => p.FromPort === 0))
          throw Object.assign(new Error('exists'), { name: 'InvalidPermission.Duplicate' });
        return {
          Return: true,
          SecurityGroupRules: [
            {
              SecurityGroupRuleId: 'sgr-0new0000000000001',
              GroupId: GROUP,
              IsEgress: false,
              IpProtocol: 'tcp',
              FromPort: 23,
              ToPort: 65535,
              CidrIpv4: '0.0.0.0/0',
            },
          ],
        };
      });
    await expect(handlerWith('narrow')(eventWith(FORMS['tcp 0-65535']))).resolves.toMatchObject({
      actions: { narrowed: 1 },
    });
    expect(ec2Calls()).toEqual([
      revokeOf('tcp 0-65535'),
      authorize(v4(0, 21), v4(23, 65535)),
      authorize(v4(0, 21)),
      authorize(v4(23, 65535)),
    ]);
    expect(publishedFinding().action.changes?.[1]).toMatchObject({
      outcome: 'succeeded',
      ruleIds: ['sgr-0new0000000000001'],
      alreadyPresent: ['tcp/0-21 from 0.0.0.0/0'],
    });
  });

  it('reports a failed revoke as critical, and adds nothing for a rule that is still there', async () => {
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .rejects(Object.assign(new Error('SCP'), { name: 'UnauthorizedOperation' }));
    await expect(handlerWith('narrow')(eventWith(FORMS['tcp 0-65535']))).resolves.toMatchObject({
      actions: { failed: 1 },
    });
    expect(ec2Calls()).toEqual([revokeOf('tcp 0-65535')]);
    expect(
      snsMock.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes?.severity?.StringValue,
    ).toBe('critical');
  });

  // A late, replayed or relayed event whose wide rule was already fixed, deleted or never there must
  // never make the guard open the other ports of a world range: nothing is added unless EC2 removed it.
  it.each(['tcp 0-65535', 'all traffic IPv4', 'all traffic IPv6'] as const)(
    'adds nothing when the judged %s rule is no longer in the group (stale or forged event)',
    async (form) => {
      // EC2's answer when no rule of the group matches the judged permission.
      ec2Mock
        .on(RevokeSecurityGroupIngressCommand)
        .rejects(Object.assign(new Error('not found'), { name: 'InvalidPermission.NotFound' }));
      const result = await handlerWith('narrow')(eventWith(FORMS[form]));
      expect(result).toMatchObject({ actions: { 'already-gone': 1 } });
      expect(ec2Calls().map(([name]) => name)).not.toContain('AuthorizeSecurityGroupIngressCommand');
      expect(publishedFinding().action.changes).toEqual([
        expect.objectContaining({ call: 'RevokeSecurityGroupIngress' }),
      ]);
    },
  );
});

describe('replace-with-eic mode: revoke, then authorize tcp/22 from the EIC prefix list', () => {
  it.each<[keyof typeof FORMS, unknown[]]>([
    ['ipv4', [lookUpEic, revokeOf('ipv4'), authorize(eicFrom(EIC4))]],
    ['ipv6', [lookUpEic, revokeOf('ipv6'), authorize(eicFrom(EIC6))]],
    ['tcp 0-65535', [lookUpEic, revokeOf('tcp 0-65535'), authorize(eicFrom(EIC4))]],
    ['tcp 20-30', [lookUpEic, revokeOf('tcp 20-30'), authorize(eicFrom(EIC4))]],
    ['all traffic IPv4', [lookUpEic, revokeOf('all traffic IPv4'), authorize(eicFrom(EIC4))]],
    ['all traffic IPv6', [lookUpEic, revokeOf('all traffic IPv6'), authorize(eicFrom(EIC6))]],
    [
      'prefix list tcp 0-65535',
      [...readCustomerList, lookUpEic, revokeOf('prefix list tcp 0-65535'), authorize(eicFrom(EIC4))],
    ],
  ])('%s: replaced with exactly these EC2 calls', async (form, calls) => {
    const result = await handlerWith('replace-with-eic')(eventWith(FORMS[form]));
    expect(result).toMatchObject({ status: 'handled', actions: { replaced: 1 } });
    expect(ec2Calls()).toEqual(calls);
  });

  it('tells the engineer how to connect now', async () => {
    await handlerWith('replace-with-eic')(eventWith(FORMS.ipv4));
    const finding = publishedFinding();
    expect(finding.action.type).toBe('replaced');
    expect(finding.guidance).toContain(`tcp/22 from ${EIC4}`);
    expect(finding.guidance).toContain('aws ec2-instance-connect ssh --instance-id i-...');
    expect(finding.guidance).toContain('aws ssm start-session --target i-...');
  });

  it.each<[string, { id: string; name: string }[], keyof typeof FORMS, RegExp]>([
    [
      'the region has no EIC list',
      [],
      'ipv4',
      /^not replaced: eu-west-1 has no EC2 Instance Connect prefix list com\.amazonaws\.eu-west-1\.ec2-instance-connect$/,
    ],
    [
      'the region has no IPv6 EIC list',
      BOTH_EIC_LISTS.slice(0, 1),
      'ipv6',
      /^not replaced: eu-west-1 has no EC2 Instance Connect prefix list com\.amazonaws\.eu-west-1\.ipv6\.ec2-instance-connect$/,
    ],
  ])('revokes without replacement when %s, and says so', async (_name, lists, form, note) => {
    answerPrefixLists(lists);
    await expect(handlerWith('replace-with-eic')(eventWith(FORMS[form]))).resolves.toMatchObject({
      actions: { revoked: 1 },
    });
    expect(ec2Calls()).toEqual([lookUpEic, revokeOf(form)]);
    expect(publishedFinding().action.note).toMatch(note);
  });

  it('revokes without replacement when the EIC lookup itself fails', async () => {
    ec2Mock
      .on(DescribeManagedPrefixListsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' }));
    await handlerWith('replace-with-eic')(eventWith(FORMS.ipv4));
    expect(ec2Calls()).toEqual([lookUpEic, revoke]);
    expect(publishedFinding().action.note).toBe(
      'not replaced: looking up the EC2 Instance Connect prefix list failed (UnauthorizedOperation: denied)',
    );
  });

  it('keeps the revoke when adding the replacement fails, and says so', async () => {
    ec2Mock
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejects(Object.assign(new Error('quota'), { name: 'RulesPerSecurityGroupLimitExceeded' }));
    await expect(handlerWith('replace-with-eic')(eventWith(FORMS.ipv4))).resolves.toMatchObject({
      actions: { revoked: 1 },
    });
    expect(publishedFinding().action.note).toMatch(
      /^replacement failed \(RulesPerSecurityGroupLimitExceeded\): tcp\/22 from pl-0e4bcff02b13bef1e could not be added/,
    );
  });

  it('adds no replacement for a rule that was already gone or could not be revoked', async () => {
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .rejects(Object.assign(new Error('gone'), { name: 'InvalidPermission.NotFound' }));
    await expect(handlerWith('replace-with-eic')(eventWith(FORMS.ipv4))).resolves.toMatchObject({
      actions: { 'already-gone': 1 },
    });
    expect(ec2Calls()).toEqual([lookUpEic, revoke]);
  });

  it('looks the EIC lists up once per region and container, not once per event', async () => {
    const handler = handlerWith(
      'replace-with-eic',
      createEc2Port(new EC2Client({ region: 'eu-west-1' }), silentLog),
    );
    await handler(eventWith(FORMS.ipv4));
    await handler(eventWith({ ...FORMS.ipv6, securityGroupRuleId: 'sgr-0123456789abcdef1' }));
    expect(ec2Mock.commandCalls(DescribeManagedPrefixListsCommand)).toHaveLength(1);
    expect(ec2Mock.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(2);
  });

  it('makes one revoke and one authorize per group, however many rules it replaces', async () => {
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(),
      withRuleSet(
        ruleSetItem(),
        ruleSetItem({ securityGroupRuleId: 'sgr-0123456789abcdef1', cidrIpv4: '0.0.0.0/1' }),
        ruleSetItem({ securityGroupRuleId: 'sgr-0123456789abcdef2', cidrIpv4: undefined, cidrIpv6: '::/0' }),
      ),
    );
    await expect(handlerWith('replace-with-eic')(event)).resolves.toMatchObject({ actions: { replaced: 3 } });
    expect(ec2Calls()).toEqual([
      lookUpEic,
      [
        'RevokeSecurityGroupIngressCommand',
        {
          GroupId: GROUP,
          IpPermissions: [judgedTcp('0.0.0.0/0'), judgedTcp('0.0.0.0/1'), judgedTcp('::/0')],
        },
      ],
      authorize(eicFrom(EIC4), eicFrom(EIC6)),
    ]);
  });
});
