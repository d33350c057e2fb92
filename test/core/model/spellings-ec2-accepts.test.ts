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
