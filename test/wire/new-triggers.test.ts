import { describe, expect, it } from 'vitest';
import { cloudTrailEvent, loadEvent, ruleSetItem, withRuleSet, worldSshRequest } from '../support/events.js';
import { SNS_MAX_BYTES } from '../support/fake-aws/index.js';
import { resultOf } from '../support/guard-process.js';
import { countByAction } from '../support/minimal-calls.js';
import { findingsIn } from '../support/published-findings.js';
import { FORGOTTEN_WORLD_RULE, LIST_REFERENCE_RULE, seedFromEvent } from '../support/seed-from-event.js';
import { setUpWire } from './wire-harness.js';

const wire = setUpWire();
const ruleIds = (region: string) => [...wire.fake.state.region(region).rules.keys()];

describe('the packaged guard on the rollback, relay, truncated and hostile samples', () => {
  it('Class 1 Prefix-list rollback: judges the list as it is once restored, and revokes the referencing rule', async () => {
    const event = loadEvent('prefix-list-restore-world-version.json');
    seedFromEvent(wire.fake.state, event);
    const result = resultOf(await wire.guard.invoke(event));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(ruleIds('eu-west-1')).not.toContain(LIST_REFERENCE_RULE);
    const versions = wire.fake.calls
      .filter((c) => c.action === 'GetManagedPrefixListEntries')
      .map((c) => (c.params as Record<string, string>).TargetVersion);
    // The current version only: restored entries are never laid over a read.
    expect(versions).toEqual([undefined]);
  });

  it('Class 2 Re-published and replayed events: a relayed record is acted on in the record’s region', async () => {
    const event = loadEvent('republished-authorize-custom-source.json');
    expect(event.region).toBe('us-east-1');
    seedFromEvent(wire.fake.state, event);
    const result = resultOf(await wire.guard.invoke(event));
    expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
    expect(new Set(wire.fake.calls.filter((c) => c.service === 'ec2').map((c) => c.region))).toEqual(
      new Set(['eu-west-1']),
    );
  });

  it('Class 2 Re-published and replayed events: a relay’s whole forwarded event is unwrapped once and acted on by its record', async () => {
    const event = loadEvent('republished-wrapped-whole-event.json');
    expect(event.region).toBe('us-east-1');
    // The fake holds what the inner record's call made (the seeding reads a record's own envelope).
    seedFromEvent(wire.fake.state, event.detail);
    const result = resultOf(await wire.guard.invoke(event));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(ruleIds('eu-west-1')).not.toContain('sgr-0e1a5b7c9d2f40a63');
    expect(new Set(wire.fake.calls.filter((c) => c.service === 'ec2').map((c) => c.region))).toEqual(
      new Set(['eu-west-1']),
    );
  });

  it('Class 2 Re-published and replayed events: another account’s record changes nothing and says why', async () => {
    const event = loadEvent('republished-other-account.json');
    seedFromEvent(wire.fake.state, event);
    const before = ruleIds('eu-west-1');
    const result = resultOf(await wire.guard.invoke(event));
    expect(result).toMatchObject({ status: 'ignored' });
    expect(countByAction(wire.fake.calls)).toEqual({ Publish: 1 });
    expect(findingsIn(wire.fake.state.published)).toMatchObject([
      { checkId: 'event-other-account', account: '444455556666' },
    ]);
    expect(ruleIds('eu-west-1')).toEqual(before);
  });

  it('Class 2 Re-published and replayed events: the function’s account comes from the Lambda context', async () => {
    const event = loadEvent('republished-other-account.json');
    seedFromEvent(wire.fake.state, event);
    const context = {
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:444455556666:function:ssh-ingress-guard-prod-guard',
    };
    const result = resultOf(await wire.guard.invoke(event, context));
    expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
  });

  it('Class 4 Records without parameters: sweeps the event’s region only, and the forgotten rule goes', async () => {
    const event = loadEvent('modify-omitted-parameters.json');
    seedFromEvent(wire.fake.state, event);
    const us = wire.fake.state.region('us-east-1');
    const usGroup = us.addGroup({ GroupName: 'elsewhere' }).GroupId;
    const usWorld = us.addRule({
      GroupId: usGroup,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
    });
    const result = resultOf(await wire.guard.invoke(event));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(ruleIds('eu-west-1')).not.toContain(FORGOTTEN_WORLD_RULE);
    expect(ruleIds('us-east-1')).toEqual([usWorld]);
    const describe = wire.fake.calls.find((c) => c.action === 'DescribeSecurityGroupRules');
    expect(describe?.region).toBe('eu-west-1');
    expect(JSON.stringify(describe?.params)).not.toContain('group-id');
  });

  it('Class 7 Hostile shapes: 20,000 levels of items is reported as unparsed, the bundle does not crash', async () => {
    // Written as text: JSON.stringify recurses and cannot write it; the runtime's JSON.parse reads it.
    const depth = 20_000;
    const permissions = `${'{"items":'.repeat(depth)}{"ipProtocol":"tcp","fromPort":22,"toPort":22}${'}'.repeat(depth)}`;
    const event = JSON.stringify(
      cloudTrailEvent('AuthorizeSecurityGroupIngress', {
        groupId: 'sg-0a1b2c3d4e5f60001',
        ipPermissions: 'DEEP',
      }),
    );
    const invocation = await wire.guard.invokeJson(event.replace('"DEEP"', permissions));
    expect(invocation.ok).toBe(true);
    expect(resultOf(invocation)).toMatchObject({ status: 'unparsed' });
    expect(countByAction(wire.fake.calls)).toEqual({ Publish: 1 });
  });

  it('Class 7 Hostile shapes: a rule description that would burst SNS is cut, and SNS accepts the message', async () => {
    const group = wire.fake.state.region('eu-west-1').addGroup({ GroupId: 'sg-0a1b2c3d4e5f60001' }).GroupId;
    const ruleId = wire.fake.state
      .region('eu-west-1')
      .addRule({ GroupId: group, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' });
    const description = '"'.repeat(80_000);
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(group),
      withRuleSet(ruleSetItem({ groupId: group, securityGroupRuleId: ruleId, description })),
    );
    const result = resultOf(await wire.guard.invoke(event));
    expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
    const [message, ...more] = wire.fake.state.published;
    expect(more).toEqual([]);
    expect(Buffer.byteLength(message?.Message ?? '')).toBeLessThanOrEqual(SNS_MAX_BYTES);
    expect(findingsIn(wire.fake.state.published)[0]?.resource.description).toMatch(
      /\[cut to fit an SNS message\]$/,
    );
  });
});
