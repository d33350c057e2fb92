import { describe, expect, it } from 'vitest';
import { cloudTrailEvent, loadEvent } from '../support/events.js';
import { resultOf } from '../support/guard-process.js';
import { findingsIn } from '../support/published-findings.js';
import { seedRule } from '../support/rule-events.js';
import { seedFromEvent } from '../support/seed-from-event.js';
import { setUpWire } from './wire-harness.js';

// Spellings EC2 accepts, through the built bundle: the stored form of the rule set is judged and
// revoked by its canonical permission; a request-only spelling with two readings is reported.

const wire = setUpWire();
const GROUP = 'sg-0a1b2c3d4e5f6a031';
const RULE = 'sgr-0aaaaaaaaaaaaa031';

/** A request-only record (no rule set, as before 2021) asking for tcp/22 from `cidrIp`. */
const requestOnly = (eventID: string, cidrIp: string) =>
  cloudTrailEvent(
    'AuthorizeSecurityGroupIngress',
    {
      groupId: GROUP,
      ipPermissions: {
        items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp }] } }],
      },
    },
    { requestId: '7c0e4f2a-0000-4000-8000-000000000031', _return: true },
    { eventID },
  );

describe('spellings EC2 accepts, on the wire (built bundle)', () => {
  it('revokes the leading-zero sample by the canonical permission EC2 stored', async () => {
    const event = loadEvent('authorize-leading-zero-cidr.json');
    seedFromEvent(wire.fake.state, event);
    const result = resultOf(await wire.guard.invoke(event));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    const revoke = wire.fake.calls.find((c) => c.action === 'RevokeSecurityGroupIngress');
    expect(revoke?.params).toMatchObject({ 'IpPermissions.1.IpRanges.1.CidrIp': '0.0.0.0/0' });
    expect(findingsIn(wire.fake.state.published)).toMatchObject([
      { checkId: 'ssh-world-open', resource: { source: '0.0.0.0/0', sourceClass: 'world' } },
    ]);
  });

  it('matches a request-only 000.0.0.0/0 to the rule EC2 stored and revokes it', async () => {
    seedRule(wire.fake, { groupId: GROUP, ruleId: RULE });
    const result = resultOf(await wire.guard.invoke(requestOnly('ev-spelling-1', '000.0.0.0/0')));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(wire.fake.state.region().rules.has(RULE)).toBe(false);
  });

  it('reports a request-only 010.0.0.0/8 as unparsed and changes nothing', async () => {
    seedRule(wire.fake, { groupId: GROUP, ruleId: RULE, cidr: '8.0.0.0/8' });
    const result = resultOf(await wire.guard.invoke(requestOnly('ev-spelling-2', '010.0.0.0/8')));
    expect(result).toMatchObject({ status: 'unparsed' });
    expect(wire.fake.calls.map((c) => c.action)).toEqual(['Publish']);
    expect(findingsIn(wire.fake.state.published)).toMatchObject([
      {
        checkId: 'unparsed-event',
        action: {
          error: { message: expect.stringContaining('"010.0.0.0/8" cannot be read as one IPv4 network') },
        },
      },
    ]);
  });
});
