import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import type { Rule } from '../../functions/core/model/rule.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet, worldSshRequest } from '../support/events.js';
import { type InMemoryEc2, inMemoryDeps } from '../support/in-memory-aws.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const GROUP = 'sg-0a1b2c3d4e5f60001';
const EIC4 = 'pl-0e4bcff02b13bef1e';
const EIC6 = 'pl-0c3f1a9e27d4b5a66';
const PARTNERS = 'pl-0a1b2c3d4e5f60077';

/** The world rule the engineer added, as EC2 holds it and as the CloudTrail rule set shows it. */
const FORMS: Record<
  string,
  { rule: Omit<Rule, 'groupId' | 'ruleId' | 'direction'>; item: Record<string, unknown> }
> = {
  'tcp 0-65535 from 0.0.0.0/0': {
    rule: { protocol: 'tcp', ports: { from: 0, to: 65535 }, source: { kind: 'cidr4', cidr: '0.0.0.0/0' } },
    item: { fromPort: 0, toPort: 65535 },
  },
  'all traffic from 0.0.0.0/0': {
    rule: { protocol: 'all', ports: { from: 0, to: 65535 }, source: { kind: 'cidr4', cidr: '0.0.0.0/0' } },
    item: { ipProtocol: '-1', fromPort: -1, toPort: -1 },
  },
  'all traffic from ::/0': {
    rule: { protocol: 'all', ports: { from: 0, to: 65535 }, source: { kind: 'cidr6', cidr: '::/0' } },
    item: { ipProtocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: undefined, cidrIpv6: '::/0' },
  },
  'tcp 0-65535 from a world prefix list': {
    rule: {
      protocol: 'tcp',
      ports: { from: 0, to: 65535 },
      source: { kind: 'prefix-list', prefixListId: PARTNERS },
    },
    item: { fromPort: 0, toPort: 65535, cidrIpv4: undefined, prefixListId: PARTNERS },
  },
  'tcp/22 from ::/0': {
    rule: { protocol: 'tcp', ports: { from: 22, to: 22 }, source: { kind: 'cidr6', cidr: '::/0' } },
    item: { cidrIpv4: undefined, cidrIpv6: '::/0' },
  },
  'tcp/22 from 0.0.0.0/0': {
    rule: { protocol: 'tcp', ports: { from: 22, to: 22 }, source: { kind: 'cidr4', cidr: '0.0.0.0/0' } },
    item: {},
  },
};

function world(mode: string) {
  const { deps, ec2For, publisher } = inMemoryDeps();
  const ec2 = ec2For('eu-west-1');
  ec2.prefixLists.set(PARTNERS, {
    id: PARTNERS,
    name: 'partners',
    ownerId: '123456789012',
    entries: ['0.0.0.0/0'],
  });
  ec2.eicPrefixLists = { ipv4: EIC4, ipv6: EIC6 };
  const handler = makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC, REMEDIATION_MODE: mode }), deps, silentLog);
  return { handler, ec2, publisher };
}

/** The AuthorizeSecurityGroupIngress event EC2 would record for the rules the guard itself added. */
function eventOfGuardAuthorize(created: readonly Rule[]) {
  const items = created.map((r) => ({
    groupOwnerId: '123456789012',
    groupId: r.groupId,
    securityGroupRuleId: r.ruleId,
    isEgress: false,
    ipProtocol: r.protocol,
    fromPort: r.ports.from,
    toPort: r.ports.to,
    ...(r.source.kind === 'cidr4' ? { cidrIpv4: r.source.cidr } : {}),
    ...(r.source.kind === 'cidr6' ? { cidrIpv6: r.source.cidr } : {}),
    ...(r.source.kind === 'prefix-list' ? { prefixListId: r.source.prefixListId } : {}),
    ...(r.description ? { description: r.description } : {}),
  }));
  return cloudTrailEvent(
    'AuthorizeSecurityGroupIngress',
    { groupId: GROUP, ipPermissions: {} },
    withRuleSet(...items),
    {
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::123456789012:assumed-role/ssh-ingress-guard-prod-eu-west-1-lambdaRole/guard',
        accountId: '123456789012',
      },
      eventID: 'guard-own-authorize-0000000000000001',
    },
  );
}

function createdRules(ec2: InMemoryEc2): Rule[] {
  return [...ec2.rules.values()].filter((r) => r.ruleId?.startsWith('sgr-0add'));
}

describe("the guard's own authorize calls come back as compliant events (no self-fight)", () => {
  it.each<[string, string, string]>([
    ['narrow', 'tcp 0-65535 from 0.0.0.0/0', 'narrowed'],
    ['narrow', 'all traffic from 0.0.0.0/0', 'narrowed'],
    ['narrow', 'all traffic from ::/0', 'narrowed'],
    ['narrow', 'tcp 0-65535 from a world prefix list', 'narrowed'],
    ['replace-with-eic', 'tcp/22 from 0.0.0.0/0', 'replaced'],
    ['replace-with-eic', 'tcp/22 from ::/0', 'replaced'],
    ['replace-with-eic', 'all traffic from ::/0', 'replaced'],
  ])(
    '%s mode, %s: the echo of what it added is compliant, revokes nothing, publishes nothing',
    async (mode, form, action) => {
      const { handler, ec2, publisher } = world(mode);
      const { rule, item } = FORMS[form] as (typeof FORMS)[string];
      ec2.addRules({ ...rule, groupId: GROUP, ruleId: 'sgr-0123456789abcdef0', direction: 'ingress' });
      const first = await handler(
        cloudTrailEvent('AuthorizeSecurityGroupIngress', worldSshRequest(), withRuleSet(ruleSetItem(item))),
      );
      expect(first).toMatchObject({ actions: { [action]: 1 } });
      const added = createdRules(ec2);
      expect(added.length).toBeGreaterThan(0);
      const callsBefore = ec2.callCount();

      const echo = await handler(eventOfGuardAuthorize(added));

      expect(echo).toMatchObject({ status: 'handled', rulesEvaluated: added.length, violations: 0 });
      expect(echo.findingIds).toEqual([]);
      expect(publisher.messages).toHaveLength(1);
      expect(ec2.callCount('revokeIngress')).toBe(1);
      // A warm container knows its EIC lists and the kept ranges carry no SSH: not even a Describe.
      expect(ec2.callCount()).toBe(callsBefore);
      expect(createdRules(ec2)).toEqual(added);
    },
  );

  it('a cold container reading the EIC list for the echo still finds it compliant', async () => {
    const { handler, ec2, publisher } = world('replace-with-eic');
    ec2.prefixLists.set(EIC4, {
      id: EIC4,
      name: 'com.amazonaws.eu-west-1.ec2-instance-connect',
      ownerId: 'AWS',
      entries: ['18.202.216.48/29'],
    });
    const echo = {
      groupId: GROUP,
      ruleId: 'sgr-0add0000000000001',
      direction: 'ingress' as const,
      protocol: 'tcp' as const,
      ports: { from: 22, to: 22 },
      source: { kind: 'prefix-list' as const, prefixListId: EIC4 },
      description: 'EC2 Instance Connect (added by ssh-ingress-guard)',
    };
    await expect(handler(eventOfGuardAuthorize([echo]))).resolves.toMatchObject({ violations: 0 });
    expect(ec2.callCount('readPrefixLists')).toBe(1);
    expect(ec2.callCount('revokeIngress')).toBe(0);
    expect(publisher.messages).toHaveLength(0);
  });
});
