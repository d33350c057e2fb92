import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/config/config.js';
import { toProtocol } from '../../../functions/core/model/rule.js';
import { makeGuardHandler } from '../../../functions/handlers/guard-handler.js';
import { silentLog } from '../../../functions/log.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet } from '../../support/events.js';
import { inMemoryDeps } from '../../support/in-memory-aws.js';

// EC2 takes IpProtocol as a name (tcp, udp, icmp, icmpv6) or a protocol number, -1 for all (EC2 API
// reference, IpPermission). Every spelling of tcp must judge as tcp; a spelling the guard cannot read
// is reported, never judged as "another protocol, not SSH".

describe('spellings EC2 accepts', () => {
  it.each<[unknown, string]>([
    ['tcp', 'tcp'],
    ['TCP', 'tcp'],
    [' tcp ', 'tcp'],
    ['6', 'tcp'],
    [6, 'tcp'],
    ['06', 'tcp'],
    ['006', 'tcp'],
    ['-1', 'all'],
    [-1, 'all'],
    ['17', 'udp'],
    ['017', 'udp'],
    ['58', 'icmpv6'],
    ['47', '47'],
    ['047', '47'],
  ])('protocol %j is %s', (raw, expected) => {
    expect(toProtocol(raw)).toBe(expected);
  });

  it.each<[unknown]>([
    ['ssh'],
    ['+6'],
    ['6.5'],
    ['0x6'],
    ['256'],
    ['0006'],
    [''],
    [null],
    [true],
    ['constructor'],
  ])('protocol %j is not understood (reported, never judged)', (raw) => {
    expect(toProtocol(raw)).toBeUndefined();
  });

  const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
  async function handle(ipProtocol: unknown) {
    const { deps, ec2For, publisher } = inMemoryDeps();
    const item = ruleSetItem({ ipProtocol });
    ec2For('eu-west-1').addRules({
      groupId: 'sg-0a1b2c3d4e5f60001',
      ruleId: 'sgr-0123456789abcdef0',
      direction: 'ingress',
      protocol: 'tcp',
      ports: { from: 22, to: 22 },
      source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
    });
    const handler = makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC }), deps, silentLog);
    // The request spells the protocol the same way, so nothing else in the record says what was asked.
    const request = {
      groupId: 'sg-0a1b2c3d4e5f60001',
      ipPermissions: {
        items: [{ ipProtocol, fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }],
      },
    };
    const result = await handler(
      cloudTrailEvent('AuthorizeSecurityGroupIngress', request, withRuleSet(item)),
    );
    return { result, documents: publisher.documents() };
  }

  it.each(['6', '006', 6, 'TCP'])('revokes tcp/22 from the world spelled %j', async (ipProtocol) => {
    const { result } = await handle(ipProtocol);
    expect(result).toMatchObject({ violations: 1, actions: { revoked: 1 } });
  });

  it.each(['ssh', '+6', '0x6'])(
    'reports a rule whose protocol is spelled %j as unparsed, revoking nothing',
    async (ipProtocol) => {
      const { result, documents } = await handle(ipProtocol);
      expect(result).toMatchObject({ status: 'unparsed' });
      expect(documents.flatMap((d) => d.findings.map((f) => f.checkId))).toEqual(['unparsed-event']);
    },
  );
});

describe('spellings EC2 accepts: CIDRs in events', () => {
  const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
  const GROUP = 'sg-0a1b2c3d4e5f60001';
  const RULE = 'sgr-0123456789abcdef0';

  /** A group holding tcp/22 from `stored`, and the guard that will judge an event about it. */
  function world(stored: string) {
    const { deps, ec2For, publisher } = inMemoryDeps();
    const ec2 = ec2For('eu-west-1');
    ec2.addRules({
      groupId: GROUP,
      ruleId: RULE,
      direction: 'ingress',
      protocol: 'tcp',
      ports: { from: 22, to: 22 },
      source: { kind: 'cidr4', cidr: stored },
    });
    const handler = makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC }), deps, silentLog);
    const checkIds = () => publisher.documents().flatMap((d) => d.findings.map((f) => f.checkId));
    return { handler, ec2, checkIds, publisher };
  }

  const request = (...cidrs: string[]) => ({
    groupId: GROUP,
    ipPermissions: {
      items: [
        {
          ipProtocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          ipRanges: { items: cidrs.map((cidrIp) => ({ cidrIp })) },
        },
      ],
    },
  });
  const NO_RULE_SET = { requestId: '1a2b3c4d-0000-4000-8000-000000000002', _return: true };

  it.each(['000.0.0.0/0', '0.0.0.0/00', '010.0.0.0/8', '123.456.789.123/0'])(
    'judges the stored 0.0.0.0/0 of the rule set, whatever the request spelled (%j)',
    async (spelled) => {
      const { handler, checkIds } = world('0.0.0.0/0');
      const result = await handler(
        cloudTrailEvent('AuthorizeSecurityGroupIngress', request(spelled), withRuleSet(ruleSetItem())),
      );
      expect(result).toMatchObject({ violations: 1, actions: { revoked: 1 } });
      expect(checkIds()).toEqual(['ssh-world-open']);
    },
  );

  it.each(['000.0.0.0/0', '0.0.0.0/00', '0.0.0.0/000', '203.0.113.9/0', '0/0', ' 0.0.0.0/0 '])(
    'revokes a request-only (pre-2021) record whose world-open CIDR is spelled %j, matched to the rule EC2 stored',
    async (spelled) => {
      const { handler, ec2 } = world('0.0.0.0/0');
      const result = await handler(
        cloudTrailEvent('AuthorizeSecurityGroupIngress', request(spelled), NO_RULE_SET),
      );
      expect(result).toMatchObject({ violations: 1, actions: { revoked: 1 } });
      expect(ec2.calls.filter((c) => c.action === 'revokeIngress')).toEqual([
        { action: 'revokeIngress', args: { groupId: GROUP, ruleIds: [RULE] } },
      ]);
    },
  );

  it.each<[string, string]>([
    ['010.0.0.0/8', '8.0.0.0/8'],
    ['0.0.0.0/010', '0.0.0.0/8'],
    ['0x0.0.0.0/8', '0.0.0.0/8'],
    ['::/0', '0.0.0.0/0'],
  ])(
    'reports a request-only CIDR spelled %j in the unparsed finding, judging no guess of it',
    async (spelled, stored) => {
      const { handler, ec2, publisher } = world(stored);
      const result = await handler(
        cloudTrailEvent('AuthorizeSecurityGroupIngress', request(spelled), NO_RULE_SET),
      );
      expect(result).toMatchObject({ status: 'unparsed' });
      expect(ec2.callCount('revokeIngress')).toBe(0);
      const [finding] = publisher.documents().flatMap((d) => d.findings);
      expect(finding).toMatchObject({ checkId: 'unparsed-event' });
      expect(JSON.stringify(finding)).toContain(JSON.stringify(spelled).slice(1, -1));
    },
  );

  it('revokes the world-open rule it can read and reports the one it cannot, in the same event', async () => {
    const { handler, checkIds } = world('0.0.0.0/0');
    const result = await handler(
      cloudTrailEvent('AuthorizeSecurityGroupIngress', request('000.0.0.0/0', '010.0.0.0/8'), NO_RULE_SET),
    );
    expect(result).toMatchObject({ violations: 1, actions: { revoked: 1 } });
    expect(checkIds().sort()).toEqual(['ssh-world-open', 'unparsed-event']);
  });

  it('reports a rule set item whose CIDR is not of its field’s family instead of judging it', async () => {
    const { handler, checkIds } = world('0.0.0.0/0');
    const result = await handler(
      cloudTrailEvent(
        'AuthorizeSecurityGroupIngress',
        request('0.0.0.0/0'),
        withRuleSet(
          ruleSetItem(),
          ruleSetItem({ securityGroupRuleId: 'sgr-0123456789abcdef1', cidrIpv4: '::/0' }),
        ),
      ),
    );
    expect(result).toMatchObject({ violations: 1, actions: { revoked: 1 } });
    expect(checkIds().sort()).toEqual(['ssh-world-open', 'unparsed-event']);
  });
});
