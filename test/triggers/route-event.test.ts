import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { fail, ok } from '../../functions/parse/json.js';
import { cloudTrailTrigger, TRIGGERS } from '../../functions/triggers/registry.js';
import { routeEvent } from '../../functions/triggers/route-event.js';
import type { Receiver } from '../../functions/triggers/work.js';
import { cloudTrailEvent, loadEvent, loadManifest } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { ruleOf } from '../support/policy.js';

const RECEIVERS: readonly Receiver[] = ['guard', 'emrGuard', 'sweep'];
const receiverOf = new Map(TRIGGERS.map((t) => [t.id, t.receiver]));
const manifest = loadManifest();

describe('one router for every function', () => {
  const routed = manifest.filter((e) => receiverOf.has(e.trigger) && e.expect !== 'skipped-error');

  it.each(routed.map((e) => [e.file, e.trigger, receiverOf.get(e.trigger)]))(
    '%s is %s work for the %s function',
    (file, id, receiver) => {
      expect(routeEvent(loadEvent(file), receiver as Receiver)).toMatchObject({
        kind: 'work',
        triggerId: id,
      });
    },
  );

  const misdelivered = routed.flatMap((e): [string, Receiver, Receiver][] => {
    const owner = receiverOf.get(e.trigger) as Receiver;
    return othersThan(owner).map((other) => [e.file, other, owner]);
  });

  it.each(misdelivered)('%s is ignored by the %s function: it is the %s function’s', (file, other, owner) => {
    expect(routeEvent(loadEvent(file), other)).toMatchObject({
      kind: 'ignored',
      reason: expect.stringMatching(new RegExp(`is handled by the ${owner} function$`)),
    });
  });

  it.each(manifest.filter((e) => !receiverOf.has(e.trigger)).map((e) => [e.file]))(
    '%s is work for no function',
    (file) => {
      for (const receiver of RECEIVERS) expect(routeEvent(loadEvent(file), receiver).kind).toBe('ignored');
    },
  );

  it.each(RECEIVERS)(
    'a failed call (errorCode) is skipped by the %s function: nothing changed',
    (receiver) => {
      expect(routeEvent(loadEvent('authorize-failed-errorcode.json'), receiver)).toMatchObject({
        kind: 'skipped',
        reason: 'call failed with Client.UnauthorizedOperation',
      });
    },
  );

  it.each([
    ['null', null],
    ['a string', 'AuthorizeSecurityGroupIngress'],
    ['an array', [loadEvent('authorize-world-ipv4-ssh.json')]],
  ])('ignores %s: not an event', (_, input) => {
    expect(routeEvent(input, 'guard')).toEqual({ kind: 'ignored', reason: 'event is not a JSON object' });
  });

  it('an unreadable detail of a handled trigger is unparsed, named after the record', () => {
    const event = cloudTrailEvent('ModifySecurityGroupRules', undefined);
    expect(routeEvent(event, 'guard')).toMatchObject({
      kind: 'unparsed',
      trigger: { kind: 'cloudtrail', eventName: 'ModifySecurityGroupRules', region: 'eu-west-1' },
    });
  });
});

/** The receivers a trigger is not for. */
function othersThan(receiver: Receiver): Receiver[] {
  return RECEIVERS.filter((r) => r !== receiver);
}

describe('routing by the CloudTrail record, not the envelope', () => {
  const sample = loadEvent('authorize-world-ipv4-ssh.json');

  it.each([
    ['a custom source (a bus that re-publishes CloudTrail)', { source: 'com.example.audit' }],
    ['a custom detail-type', { 'detail-type': 'Forwarded CloudTrail' }],
    ['no source nor detail-type (a redacted envelope)', { source: undefined, 'detail-type': undefined }],
  ])('routes a record carried with %s', (_, envelope) => {
    expect(routeEvent({ ...sample, ...envelope }, 'guard')).toMatchObject({
      kind: 'work',
      triggerId: 'authorize',
      trigger: { eventName: 'AuthorizeSecurityGroupIngress', region: 'eu-west-1' },
    });
  });

  it('ignores a record whose eventSource is another service’s, whatever the envelope says', () => {
    const event = { ...sample, detail: { ...sample.detail, eventSource: 's3.amazonaws.com' } };
    expect(routeEvent(event, 'guard')).toMatchObject({
      kind: 'ignored',
      reason: 'unhandled CloudTrail event aws.ec2/AuthorizeSecurityGroupIngress',
    });
  });

  it('takes the region from the record (awsRegion) when the envelope names another', () => {
    const event = { ...sample, region: 'us-east-1' };
    expect(routeEvent(event, 'guard')).toMatchObject({ kind: 'work', trigger: { region: 'eu-west-1' } });
  });

  it('takes the envelope’s region when the record has none', () => {
    const { awsRegion: _, ...detail } = sample.detail;
    expect(routeEvent({ ...sample, region: 'us-east-1', detail }, 'guard')).toMatchObject({
      kind: 'work',
      trigger: { region: 'us-east-1' },
    });
  });
});

describe('adding a trigger is one registry entry', () => {
  // A throwaway CloudTrail call whose parser names one world-open rule: nothing else is touched.
  const worldRule = ruleOf({ groupId: 'sg-0123456789abcdef0', ruleId: 'sgr-0fee1fee1fee1fee1' });
  const throwaway = cloudTrailTrigger({
    id: 'throwaway',
    receiver: 'guard',
    busSource: 'aws.ec2',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'ThrowawaySecurityGroupCall',
    patternKey: 'securityGroupEvents',
    parse: (detail) =>
      detail.requestParameters
        ? ok({ kind: 'rules', selection: { kind: 'rules', rules: [worldRule] } })
        : fail('requestParameters missing'),
  });
  const registry = [...TRIGGERS, throwaway];
  const event = cloudTrailEvent('ThrowawaySecurityGroupCall', { groupId: worldRule.groupId });

  it('routes the new call to its parser when the registry holds it', () => {
    expect(routeEvent(event, 'guard', registry)).toMatchObject({
      kind: 'work',
      triggerId: 'throwaway',
      work: { kind: 'rules', selection: { rules: [worldRule] } },
    });
    expect(routeEvent(cloudTrailEvent('ThrowawaySecurityGroupCall', null), 'guard', registry)).toMatchObject({
      kind: 'unparsed',
      reason: 'requestParameters missing',
    });
  });

  it('leaves the real registry as it was', () => {
    expect(routeEvent(event, 'guard')).toMatchObject({ kind: 'ignored' });
    expect(TRIGGERS).not.toContain(throwaway);
  });

  it('has the guard evaluate and revoke what the new trigger selected, through the one pipeline', async () => {
    const { deps, ec2For, publisher } = inMemoryDeps();
    ec2For('eu-west-1').addRules(worldRule);
    const config = loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings' });
    const result = await makeGuardHandler(config, deps, silentLog, registry)(event);
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(publisher.documents().flatMap((d) => d.findings)).toMatchObject([
      { resource: { ruleId: worldRule.ruleId }, action: { type: 'revoked' } },
    ]);
  });
});
