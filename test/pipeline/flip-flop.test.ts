import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import type { Finding } from '../../functions/core/findings/finding.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet, worldSshRequest } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { InMemoryOpeningLog } from '../support/in-memory-opening-log.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const GROUP = 'sg-0a1b2c3d4e5f60001';
const TERRAFORM =
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.40.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.3 os/linux lang/go#1.21.8 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.149.3';
const CFN = 'cloudformation.amazonaws.com';
const CFN_ROLE = 'arn:aws:sts::123456789012:assumed-role/cfn-exec-data-platform/AWSCloudFormation';

interface Opened {
  readonly eventId: string;
  readonly at: string;
  readonly ruleId?: string;
  readonly cidr?: string;
  readonly caller?: Record<string, unknown>;
}

/** One AuthorizeSecurityGroupIngress of tcp/22 as CloudTrail records it, made by Terraform unless told. */
function opened({ eventId, at, ruleId = 'sgr-0123456789abcdef0', cidr = '0.0.0.0/0', caller }: Opened) {
  return cloudTrailEvent(
    'AuthorizeSecurityGroupIngress',
    worldSshRequest(GROUP),
    withRuleSet(
      ruleSetItem({
        securityGroupRuleId: ruleId,
        ...(cidr.includes(':') ? { cidrIpv4: undefined, cidrIpv6: cidr } : { cidrIpv4: cidr }),
      }),
    ),
    { eventID: eventId, eventTime: at, userAgent: TERRAFORM, sourceIPAddress: '52.31.118.40', ...caller },
  );
}

function setup(env: Record<string, string> = {}) {
  const { deps, ec2For, publisher } = inMemoryDeps();
  const openings = new InMemoryOpeningLog();
  const handler = makeGuardHandler(
    loadConfig({ TOPIC_ARN: TOPIC, REPEAT_TABLE: 'ssh-ingress-guard-openings', ...env }),
    { ...deps, openings },
    silentLog,
  );
  const ec2 = ec2For('eu-west-1');
  const findings = (): Finding[] => publisher.documents().flatMap((d) => d.findings as Finding[]);
  /** The rule exists in EC2 when its event arrives, as it does after every real Authorize. */
  const open = (o: Opened) => {
    const { ruleId = 'sgr-0123456789abcdef0', cidr = '0.0.0.0/0' } = o;
    ec2.addRules({
      groupId: GROUP,
      ruleId,
      direction: 'ingress',
      protocol: 'tcp',
      ports: { from: 22, to: 22 },
      source: { kind: cidr.includes(':') ? 'cidr6' : 'cidr4', cidr },
    });
    return handler(opened(o));
  };
  return { handler: open, openings, ec2, findings };
}

describe('flip-flop with infrastructure as code: naming the source that will re-open it', () => {
  it('says Terraform opened the rule and that the next apply re-opens it', async () => {
    const { handler, findings } = setup();
    await handler({ eventId: 'ev-1', at: '2026-11-21T09:00:00Z' });
    expect(findings()).toMatchObject([
      {
        checkId: 'ssh-world-open',
        trigger: {
          tool: {
            name: 'Terraform',
            version: '1.7.4',
            kind: 'infrastructure-as-code',
            evidence: 'userAgent',
          },
        },
        action: {
          type: 'revoked',
          note: 'opened by Terraform 1.7.4: the next apply will re-open it unless the code changes',
        },
      },
    ]);
  });

  it('names the CloudFormation stack from the group tags, read only because CloudFormation opened it', async () => {
    const { handler, ec2, findings } = setup();
    ec2.groupTags.set(GROUP, {
      'aws:cloudformation:stack-name': 'data-platform',
      'aws:cloudformation:stack-id':
        'arn:aws:cloudformation:eu-west-1:123456789012:stack/data-platform/1b2c3d4e',
      'aws:cloudformation:logical-id': 'BastionSecurityGroup',
    });
    const caller = {
      userAgent: CFN,
      sourceIPAddress: CFN,
      userIdentity: { type: 'AssumedRole', arn: CFN_ROLE, accountId: '123456789012', invokedBy: CFN },
    };
    await handler({ eventId: 'ev-cfn', at: '2026-11-21T09:00:00Z', caller });
    expect(ec2.calls.filter((c) => c.action === 'readGroupTags')).toEqual([
      { action: 'readGroupTags', args: [GROUP] },
    ]);
    expect(findings()[0]).toMatchObject({
      trigger: {
        tool: { name: 'CloudFormation', stack: { name: 'data-platform', logicalId: 'BastionSecurityGroup' } },
      },
      action: {
        note: 'opened by CloudFormation (stack data-platform, resource BastionSecurityGroup): the next apply will re-open it unless the code changes',
      },
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['the console', { userAgent: 'console.ec2.amazonaws.com' }],
    ['the CLI', { userAgent: 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1016-aws' }],
  ])('says nothing about a next apply when %s opened it, and reads no tags', async (_name, caller) => {
    const { handler, ec2, findings } = setup();
    await handler({ eventId: 'ev-hand', at: '2026-11-21T09:00:00Z', caller });
    expect(findings()[0]?.trigger.tool).toBeUndefined();
    expect(findings()[0]?.action.note).toBeUndefined();
    expect(ec2.calls.filter((c) => c.action === 'readGroupTags')).toEqual([]);
  });
});

describe('flip-flop with infrastructure as code: a rule re-opened within the window escalates', () => {
  let world: ReturnType<typeof setup>;
  beforeEach(() => {
    world = setup();
  });

  it('escalates the second opening on the same group and source to a critical repeat finding', async () => {
    await world.handler({ eventId: 'ev-1', at: '2026-11-21T01:00:00Z' });
    await world.handler({ eventId: 'ev-2', at: '2026-11-21T09:00:00Z', ruleId: 'sgr-0123456789abcdef1' });
    const [first, second] = world.findings();
    expect(first).toMatchObject({ checkId: 'ssh-world-open', severity: 'high' });
    expect(second).toMatchObject({
      checkId: 'ssh-repeat-open',
      severity: 'critical',
      title: 'SSH re-opened to the internet after the guard removed it',
      action: { type: 'revoked' },
      resource: {
        details: {
          repeat: {
            count: 2,
            firstOpenedAt: '2026-11-21T01:00:00Z',
            lastOpenedAt: '2026-11-21T09:00:00Z',
            windowHours: 24,
            repeatedCheckId: 'ssh-world-open',
          },
        },
      },
      guidance: expect.stringMatching(/^The rule was removed again: it keeps coming back/),
    });
    expect(second?.summary).toContain(
      'opened 2 times on this group from this source between 2026-11-21T01:00:00Z and 2026-11-21T09:00:00Z',
    );
  });

  it.each<[string, Opened, number, string]>([
    [
      'another source on the same group starts its own count',
      { eventId: 'ev-2', at: '2026-11-21T09:00:00Z', cidr: '::/0' },
      1,
      'ssh-world-open',
    ],
    [
      'an opening after the window starts the count again',
      { eventId: 'ev-2', at: '2026-11-22T01:00:01Z' },
      1,
      'ssh-world-open',
    ],
    [
      'an opening just inside the window counts',
      { eventId: 'ev-2', at: '2026-11-22T01:00:00Z' },
      2,
      'ssh-repeat-open',
    ],
    ['a redelivered event counts once', { eventId: 'ev-1', at: '2026-11-21T01:00:00Z' }, 1, 'ssh-world-open'],
  ])('%s', async (_name, next, count, checkId) => {
    await world.handler({ eventId: 'ev-1', at: '2026-11-21T01:00:00Z' });
    await world.handler(next);
    expect(world.findings()[1]?.checkId).toBe(checkId);
    expect([...world.openings.items.values()].map((i) => i.count)).toContain(count);
  });

  it('takes the window from REPEAT_WINDOW_HOURS', async () => {
    const short = setup({ REPEAT_WINDOW_HOURS: '1' });
    await short.handler({ eventId: 'ev-1', at: '2026-11-21T01:00:00Z' });
    await short.handler({ eventId: 'ev-2', at: '2026-11-21T02:30:00Z' });
    expect(short.findings().map((f) => f.checkId)).toEqual(['ssh-world-open', 'ssh-world-open']);
  });

  it('counts only violating events: a compliant one makes no call', async () => {
    await world.handler({ eventId: 'ev-private', at: '2026-11-21T01:00:00Z', cidr: '10.0.0.0/8' });
    expect(world.findings()).toEqual([]);
    expect(world.openings.calls).toEqual([]);
  });

  it('makes one call per group and source of a violating event', async () => {
    await world.handler({ eventId: 'ev-1', at: '2026-11-21T01:00:00Z' });
    expect(world.openings.calls).toEqual([
      {
        key: `123456789012/eu-west-1/${GROUP}/0.0.0.0/0`,
        eventId: 'ev-1',
        at: '2026-11-21T01:00:00Z',
        windowHours: 24,
      },
    ]);
  });

  it('still publishes the finding, with a note, when the count cannot be written', async () => {
    world.openings.failure = Object.assign(new Error('Rate exceeded'), {
      name: 'ProvisionedThroughputExceededException',
    });
    await world.handler({ eventId: 'ev-1', at: '2026-11-21T01:00:00Z' });
    expect(world.findings()).toMatchObject([
      {
        checkId: 'ssh-world-open',
        action: {
          type: 'revoked',
          note: expect.stringContaining(
            'the repeat count could not be recorded (ProvisionedThroughputExceededException)',
          ),
        },
      },
    ]);
  });

  it('counts nothing without a configured table', async () => {
    const { deps, publisher } = inMemoryDeps();
    const handler = makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC }), deps, silentLog);
    await handler(opened({ eventId: 'ev-1', at: '2026-11-21T01:00:00Z' }));
    await handler(opened({ eventId: 'ev-2', at: '2026-11-21T02:00:00Z' }));
    expect(publisher.documents().flatMap((d) => d.findings.map((f) => f.checkId))).toEqual([
      'ssh-world-open',
      'ssh-world-open',
    ]);
  });
});

describe('flip-flop with infrastructure as code: configuration', () => {
  it.each([
    [{ REPEAT_WINDOW_HOURS: '0' }, 'REPEAT_WINDOW_HOURS'],
    [{ REPEAT_WINDOW_HOURS: '721' }, 'REPEAT_WINDOW_HOURS'],
    [{ REPEAT_WINDOW_HOURS: 'a day' }, 'REPEAT_WINDOW_HOURS'],
    [{ REPEAT_TABLE: 'no spaces allowed' }, 'REPEAT_TABLE'],
  ])('refuses %o, naming the variable', (env, name) => {
    expect(() => loadConfig({ TOPIC_ARN: TOPIC, ...env })).toThrow(name);
  });

  it('defaults to a 24 h window and no table', () => {
    expect(loadConfig({ TOPIC_ARN: TOPIC }).repeat).toEqual({ windowHours: 24 });
  });
});
