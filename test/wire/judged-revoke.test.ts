import { describe, expect, it } from 'vitest';
import { loadEvent } from '../support/events.js';
import type { FakeAws } from '../support/fake-aws/index.js';
import { DEFAULT_VPC } from '../support/fake-aws/state.js';
import { resultOf } from '../support/guard-process.js';
import { findingsIn } from '../support/published-findings.js';
import { withOwnWire } from './wire-harness.js';

// The built bundle against the loopback EC2, which revokes by permission as the EC2 API reference
// describes: exact values, description ignored, InvalidPermission.NotFound outside the default VPC.

const SAMPLE = 'authorize-edited-before-delivery.json';
const GROUP = 'sg-0e0d17ed0be4e0001';
const RULE = 'sgr-0e0d17ed0be4e0001';
const SLOW = 60_000;

/** The group as the engineer left it: the same rule id, narrowed to My IP with the console's Edit. */
function seedEditedRule(fake: FakeAws, vpcId: string, cidr = '203.0.113.9/32'): void {
  const region = fake.state.region('eu-west-1');
  region.addGroup({ GroupId: GROUP, VpcId: vpcId });
  region.addRule({
    GroupId: GROUP,
    SecurityGroupRuleId: RULE,
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    CidrIpv4: cidr,
    Description: 'temp: vendor debugging',
  });
}

const callsOf = (fake: FakeAws) => fake.calls.map((c) => `${c.action} ${c.status}`);

describe.concurrent('a revoke removes a rule only if it is still the rule that was judged (built bundle)', () => {
  it.each([
    [
      'outside the default VPC (EC2 answers InvalidPermission.NotFound)',
      'vpc-0a1b2c3d4e5f60001',
      'RevokeSecurityGroupIngress 400',
    ],
    [
      'in the default VPC (EC2 answers with the unknown permission)',
      DEFAULT_VPC,
      'RevokeSecurityGroupIngress 200',
    ],
  ])(
    'leaves a rule edited to My IP before delivery in place %s, and says already-gone',
    (_name, vpcId, revokeCall) =>
      withOwnWire(async ({ fake, guard }) => {
        seedEditedRule(fake, vpcId);
        const result = resultOf(await guard.invoke(loadEvent(SAMPLE)));
        expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { 'already-gone': 1 } });
        expect(fake.state.region('eu-west-1').rules.get(RULE)).toMatchObject({ CidrIpv4: '203.0.113.9/32' });
        expect(callsOf(fake)).toEqual([revokeCall, 'Publish 200']);
        const [finding] = findingsIn(fake.state.published);
        expect(finding?.action).toMatchObject({
          type: 'already-gone',
          note: expect.stringContaining(`tcp/22 from 0.0.0.0/0 is no longer in ${GROUP}`),
        });
      }),
    SLOW,
  );

  it(
    'revokes the rule as delivered with one revoke and one publish, and names the rule EC2 removed',
    () =>
      withOwnWire(async ({ fake, guard }) => {
        seedEditedRule(fake, 'vpc-0a1b2c3d4e5f60001', '0.0.0.0/0');
        const result = resultOf(await guard.invoke(loadEvent(SAMPLE)));
        expect(result).toMatchObject({ actions: { revoked: 1 } });
        expect(fake.state.region('eu-west-1').rules.has(RULE)).toBe(false);
        expect(callsOf(fake)).toEqual(['RevokeSecurityGroupIngress 200', 'Publish 200']);
        expect(findingsIn(fake.state.published)[0]?.action).toMatchObject({ type: 'revoked' });
      }),
    SLOW,
  );
});

describe.concurrent('stale prefix-list events (built bundle)', () => {
  const LIST = 'pl-0c0ffee0c0ffee001';
  /** A group whose tcp/22 rule references the list, and the list as it is now. */
  function seedList(fake: FakeAws, entries: string[], version: number): void {
    const region = fake.state.region('eu-west-1');
    region.addPrefixList({
      PrefixListId: LIST,
      PrefixListName: 'ops-bastion-sources',
      entries: entries.map((Cidr) => ({ Cidr })),
      Version: version,
    });
    region.addGroup({ GroupId: 'sg-0b1a5710000000001', VpcId: 'vpc-0a1b2c3d4e5f60001' });
    region.addRule({
      GroupId: 'sg-0b1a5710000000001',
      SecurityGroupRuleId: 'sgr-0b1a57100000000a1',
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      PrefixListId: LIST,
    });
  }

  it(
    'revokes nothing for a delayed edit whose world entry was removed since: the list is judged as it is now',
    () =>
      withOwnWire(async ({ fake, guard }) => {
        seedList(fake, ['10.0.0.0/8'], 6);
        const result = resultOf(await guard.invoke(loadEvent('prefix-list-modified-add-world.json')));
        expect(result).toMatchObject({ status: 'handled', violations: 0 });
        expect(fake.calls.map((c) => c.action)).not.toContain('RevokeSecurityGroupIngress');
        expect(fake.state.region('eu-west-1').rules.has('sgr-0b1a57100000000a1')).toBe(true);
      }),
    SLOW,
  );

  it(
    'revokes the referencing rule when the list, as it is now, holds the world entry',
    () =>
      withOwnWire(async ({ fake, guard }) => {
        seedList(fake, ['10.0.0.0/8', '0.0.0.0/0'], 4);
        const result = resultOf(await guard.invoke(loadEvent('prefix-list-modified-add-world.json')));
        expect(result).toMatchObject({ violations: 1, actions: { revoked: 1 } });
        expect(fake.state.region('eu-west-1').rules.has('sgr-0b1a57100000000a1')).toBe(false);
      }),
    SLOW,
  );
});

describe.concurrent('all or nothing parsing (built bundle)', () => {
  it(
    'revokes the readable world-open rule of a partly unreadable event and reports the rest in the same message',
    () =>
      withOwnWire(async ({ fake, guard }) => {
        const region = fake.state.region('eu-west-1');
        region.addGroup({ GroupId: 'sg-0a1b2c3d4e5f60009', VpcId: 'vpc-0a1b2c3d4e5f60001' });
        region.addRule({
          GroupId: 'sg-0a1b2c3d4e5f60009',
          SecurityGroupRuleId: 'sgr-0a9a7c1e5b3d2f401',
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          CidrIpv4: '0.0.0.0/0',
        });
        const result = resultOf(await guard.invoke(loadEvent('authorize-partial-parse.json')));
        expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
        expect(callsOf(fake)).toEqual(['RevokeSecurityGroupIngress 200', 'Publish 200']);
        expect(
          findingsIn(fake.state.published)
            .map((f) => f.checkId)
            .sort(),
        ).toEqual(['ssh-world-open', 'unparsed-event']);
      }),
    SLOW,
  );
});
