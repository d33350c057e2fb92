import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { isOmittedRecord } from '../../functions/triggers/omitted-record.js';
import { TRIGGERS } from '../../functions/triggers/registry.js';
import { routeEvent } from '../../functions/triggers/route-event.js';
import { cloudTrailEvent, loadEvent } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { ruleOf } from '../support/policy.js';

const config = loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings' });
const GROUP = 'sg-0a1b2c3d4e5f60024';
const LIST = 'pl-0c0ffee0c0ffee001';
const guardCalls = TRIGGERS.filter((t) => t.receiver === 'guard' && t.match.kind === 'cloudtrail').map((t) =>
  t.match.kind === 'cloudtrail' ? t.match.eventName : '',
);

/** A record of `eventName` as CloudTrail writes one it could not keep whole. */
const truncated = (eventName: string, extra: Record<string, unknown> = {}) =>
  cloudTrailEvent(eventName, null, null, { omitted: true, ...extra });

describe('Class 4 Records without parameters: recognising what CloudTrail left out', () => {
  it.each([
    ['`omitted: true` on the record', { omitted: true }, true],
    ['`omitted: "true"` on the record', { omitted: 'true' }, true],
    ['`omitted: true` inside requestParameters', { requestParameters: { omitted: true } }, true],
    ['`omitted: true` inside responseElements', { responseElements: { omitted: true } }, true],
    ['no marker', {}, false],
    ['`omitted: false`', { omitted: false }, false],
  ])('%s → %s', (_, fields, expected) => {
    expect(isOmittedRecord({ eventName: 'ModifySecurityGroupRules', ...fields })).toBe(expected);
  });
});

describe('Class 4 Records without parameters: what every security group trigger does with one', () => {
  it.each(guardCalls)('%s naming nothing: the event’s region is swept', (eventName) => {
    expect(routeEvent(truncated(eventName), 'guard')).toMatchObject({
      kind: 'work',
      work: { kind: 'sweep-region' },
      trigger: { eventName, region: 'eu-west-1' },
    });
  });

  it.each(guardCalls)('%s whose resources name the group: the group is read whole', (eventName) => {
    const resources = [
      {
        accountId: '123456789012',
        type: 'AWS::EC2::SecurityGroup',
        ARN: `arn:aws:ec2:eu-west-1:123456789012:security-group/${GROUP}`,
      },
    ];
    expect(routeEvent(truncated(eventName, { resources }), 'guard')).toMatchObject({
      kind: 'work',
      work: { kind: 'rules', selection: { kind: 'groups', groupIds: [GROUP] } },
    });
  });

  it.each(['ModifyManagedPrefixList', 'RestoreManagedPrefixListVersion'])(
    '%s whose response names the list: the groups that reference it are looked up',
    (eventName) => {
      const response = {
        [`${eventName}Response`]: { prefixList: { prefixListId: LIST, state: 'modify-in-progress' } },
      };
      const event = cloudTrailEvent(eventName, null, response, { omitted: true });
      expect(routeEvent(event, 'guard')).toMatchObject({ kind: 'work', work: { kind: 'lookup' } });
    },
  );

  it.each(guardCalls)(
    '%s without parameters and without the marker stays unparsed (a shape nobody documents)',
    (eventName) => {
      expect(routeEvent(cloudTrailEvent(eventName, null, null), 'guard')).toMatchObject({ kind: 'unparsed' });
    },
  );
});

describe('Class 4 Records without parameters: the exposure closes in seconds', () => {
  it('sweeps the event’s region with the sweep’s step: the world-open rule goes, the private one stays', async () => {
    const { deps, ec2For, publisher } = inMemoryDeps();
    const world = ruleOf({ groupId: GROUP });
    const office = ruleOf({ groupId: GROUP, source: { kind: 'cidr4', cidr: '10.0.0.0/8' } });
    ec2For('eu-west-1').addRules(world, office);
    ec2For('us-east-1').addRules(ruleOf({ groupId: 'sg-0e0e0e0e0e0e0e0e0' }));
    const result = await makeGuardHandler(
      config,
      deps,
      silentLog,
    )(loadEvent('modify-omitted-parameters.json'));
    expect(result).toMatchObject({
      status: 'handled',
      reason: 'the record came without its parameters (omitted by CloudTrail): swept eu-west-1',
      rulesEvaluated: 2,
      violations: 1,
      actions: { revoked: 1 },
    });
    expect([...ec2For('eu-west-1').rules.keys()]).toEqual([office.ruleId]);
    expect(ec2For('us-east-1').calls).toEqual([]);
    expect(ec2For('eu-west-1').callCount('readAllRules')).toBe(1);
    expect(publisher.documents().flatMap((d) => d.findings)).toMatchObject([
      {
        resource: { ruleId: world.ruleId },
        action: { type: 'revoked' },
        trigger: { eventName: 'ModifySecurityGroupRules' },
      },
    ]);
  });

  it('reads only the named group when the record still names it (no region sweep)', async () => {
    const { deps, ec2For } = inMemoryDeps();
    const ec2 = ec2For('eu-west-1');
    ec2.addRules(ruleOf({ groupId: 'sg-0a1b2c3d4e5f60001', ruleId: 'sgr-02bfe2a2e355cf19e' }));
    const result = await makeGuardHandler(
      config,
      deps,
      silentLog,
    )(loadEvent('authorize-omitted-response-known-group.json'));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(ec2.callCount('readAllRules')).toBe(0);
    expect(ec2.rules.size).toBe(0);
  });

  it('reports a region it could not read as a finding, not silence', async () => {
    const { deps, ec2For, publisher } = inMemoryDeps();
    ec2For('eu-west-1').readAllRules = async () => {
      throw Object.assign(new Error('denied by SCP'), { name: 'UnauthorizedOperation' });
    };
    const result = await makeGuardHandler(
      config,
      deps,
      silentLog,
    )(loadEvent('modify-omitted-parameters.json'));
    expect(result).toMatchObject({ status: 'handled', findingIds: [expect.any(String)] });
    expect(publisher.documents().flatMap((d) => d.findings)).toMatchObject([
      { action: { error: { code: 'UnauthorizedOperation' } } },
    ]);
  });
});
