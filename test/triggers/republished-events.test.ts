import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeEmrGuardHandler } from '../../functions/handlers/emr-guard-handler.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { homeOf } from '../../functions/handlers/lambda-context.js';
import { makeSweepHandler } from '../../functions/handlers/sweep-handler.js';
import { silentLog } from '../../functions/log.js';
import { withMetrics } from '../../functions/metrics/handler-metrics.js';
import { createMetrics } from '../../functions/metrics/metrics.js';
import { routeEvent } from '../../functions/triggers/route-event.js';
import { loadEvent } from '../support/events.js';
import { inMemoryDeps, inMemoryEmrDeps } from '../support/in-memory-aws.js';
import { seedForEvent } from '../support/sample-world.js';

const OWN = '123456789012';
const CONTEXT = {
  invokedFunctionArn: `arn:aws:lambda:eu-west-1:${OWN}:function:ssh-ingress-guard-prod-guard`,
};
const config = loadConfig({ TOPIC_ARN: `arn:aws:sns:eu-west-1:${OWN}:findings` });
const sample = loadEvent('authorize-world-ipv4-ssh.json');

/** The guard over an in-memory account seeded, in the record's region, with what the event describes. */
async function guard(event: Record<string, unknown>, context: object | undefined = CONTEXT) {
  const aws = inMemoryDeps();
  const regions: string[] = [];
  const ec2For = (region: string) => {
    regions.push(region);
    return aws.ec2For(region);
  };
  seedForEvent(event, aws.ec2For('eu-west-1'));
  const result = await makeGuardHandler(config, { ...aws.deps, ec2For }, silentLog)(event, context);
  return { ...aws, regions, result, findings: aws.publisher.documents().flatMap((d) => d.findings) };
}

const withoutKeys = (keys: string[]) =>
  Object.fromEntries(Object.entries(sample).filter(([k]) => !keys.includes(k))) as typeof sample;

describe('Class 2 Re-published and replayed events: routed by the record', () => {
  it.each([
    ['a custom source (PutEvents refuses aws.*)', { ...sample, source: 'com.example.relay' }],
    ['a custom detail-type', { ...sample, 'detail-type': 'CloudTrail API Call (relayed)' }],
    [
      'a redacted envelope (no source, detail-type, region, account, time, id)',
      withoutKeys(['source', 'detail-type', 'region', 'account', 'time', 'id']),
    ],
    ['the relay sample in events/', loadEvent('republished-authorize-custom-source.json')],
  ])('revokes world-open SSH carried with %s', async (_, event) => {
    const { result } = await guard(event);
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
  });

  it.each([
    ['us-east-1', 'eu-west-1'],
    ['ap-southeast-2', 'eu-west-1'],
  ])('acts in the record’s region when the envelope says %s and the record %s', async (envelope, record) => {
    const { regions, result, findings } = await guard({ ...sample, region: envelope });
    expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
    expect(new Set(regions)).toEqual(new Set([record]));
    expect(findings.map((f) => f.region)).toEqual([record]);
  });
});

describe('Class 2 Re-published and replayed events: another account’s event is never acted on blindly', () => {
  const otherAccount = loadEvent('republished-other-account.json');

  it.each([
    ['the relayed sample (record names 444455556666)', otherAccount, '444455556666'],
    [
      'a record with no account at all',
      { ...withoutKeys(['account']), detail: { ...sample.detail, recipientAccountId: undefined } },
      '',
    ],
  ])('publishes one finding that says why nothing was done, for %s', async (_, event, account) => {
    const { result, findings, regions, ec2For } = await guard(event as typeof sample);
    expect(result).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining(`not this function's ${OWN}`),
    });
    expect(findings).toMatchObject([
      {
        checkId: 'event-other-account',
        account,
        action: { type: 'reported', error: { code: 'OtherAccount' } },
        summary: expect.stringContaining('nothing was read or changed'),
      },
    ]);
    expect(regions).toEqual([]);
    expect(ec2For('eu-west-1').calls).toEqual([]);
  });

  it('names the record’s account in the finding, not the relay’s envelope account', async () => {
    const { findings } = await guard(otherAccount);
    expect(otherAccount.account).toBe(OWN);
    expect(findings[0]?.summary).toMatch(/is about 444455556666, but this guard runs in 123456789012/);
  });

  it('checks the EMR guard’s events alike', async () => {
    const aws = inMemoryEmrDeps();
    const runJobFlow = loadEvent('emr-runjobflow-named-groups.json');
    const event = { ...runJobFlow, detail: { ...runJobFlow.detail, recipientAccountId: '444455556666' } };
    const result = await makeEmrGuardHandler(config, aws.deps, silentLog)(event, CONTEXT);
    expect(result).toMatchObject({ status: 'ignored', findingIds: [expect.any(String)] });
    expect(aws.emrFor('eu-west-1').callCount()).toBe(0);
  });

  it('checks the sweep’s schedule alike: a schedule from another account sweeps nothing', async () => {
    const { deps, ec2For } = inMemoryDeps();
    const schedule = { ...loadEvent('schedule-sweep.json'), account: '444455556666' };
    const result = await makeSweepHandler(config, deps, silentLog)(schedule, CONTEXT);
    expect(result).toMatchObject({ status: 'ignored' });
    expect(ec2For('eu-west-1').calls).toEqual([]);
  });

  it('acts on an event of its own account, whatever account the relay’s envelope names', async () => {
    const { result } = await guard({ ...sample, account: '999988887777' });
    expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
  });

  it('keeps the check behind the metrics wrapper the deployed functions use (the context is handed on)', async () => {
    const aws = inMemoryDeps();
    const wrapped = withMetrics(makeGuardHandler(config, aws.deps, silentLog), createMetrics('guard'));
    await expect(wrapped(otherAccount, CONTEXT)).resolves.toMatchObject({ status: 'ignored' });
  });

  it('routes without an account check only where no Lambda context says which account it is', () => {
    expect(routeEvent(otherAccount, 'guard')).toMatchObject({ kind: 'work' });
    expect(routeEvent(otherAccount, 'guard', undefined, { account: OWN })).toMatchObject({
      kind: 'other-account',
    });
  });
});

describe('the function’s own account, from the Lambda context', () => {
  it.each([
    ['a function ARN', `arn:aws:lambda:eu-west-1:${OWN}:function:guard`, { account: OWN }],
    ['an alias ARN', `arn:aws:lambda:eu-west-1:${OWN}:function:guard:live`, { account: OWN }],
    ['a GovCloud ARN', `arn:aws-us-gov:lambda:us-gov-west-1:${OWN}:function:guard`, { account: OWN }],
    ['a malformed ARN', 'guard', {}],
    ['an ARN with a non-numeric account', 'arn:aws:lambda:eu-west-1:me:function:guard', {}],
    ['no ARN', undefined, {}],
  ])('reads %s', (_, invokedFunctionArn, expected) => {
    expect(homeOf(invokedFunctionArn === undefined ? {} : { invokedFunctionArn })).toEqual(expected);
  });
});

describe('Class 2 Re-published and replayed events: a relay that forwards the whole EventBridge event as its detail', () => {
  const wrapped = loadEvent('republished-wrapped-whole-event.json');
  const inner = wrapped.detail as typeof sample;
  const relay = (detail: unknown) => ({
    version: '0',
    id: 'b7c41e09-0000-4000-8000-000000000002',
    source: 'acme.relay',
    'detail-type': 'EventBridge event (forwarded)',
    account: '210987654321',
    region: 'us-east-1',
    time: '2026-11-21T10:00:00Z',
    detail,
  });

  it.each([
    ['the relay sample in events/', wrapped],
    ['the original event with the relay’s source and detail-type', relay(sample)],
    [
      'an original event with a redacted envelope (only detail-type)',
      relay({ 'detail-type': 'x', detail: sample.detail }),
    ],
    [
      'an original event with a redacted envelope (only source)',
      relay({ source: 'aws.ec2', detail: sample.detail }),
    ],
  ])('unwraps %s once and revokes by the record', async (_, event) => {
    const { result, regions } = await guard(event as typeof sample);
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(new Set(regions)).toEqual(new Set(['eu-west-1']));
  });

  it('names the inner record’s event in the trigger, and acts in its region and account', () => {
    const route = routeEvent(wrapped, 'guard', undefined, { account: OWN });
    expect(route).toMatchObject({
      kind: 'work',
      trigger: {
        eventName: 'AuthorizeSecurityGroupIngress',
        eventId: inner.detail.eventID,
        account: OWN,
        region: 'eu-west-1',
      },
    });
  });

  it('applies the account check to the inner record: another account’s record is never acted on', async () => {
    const foreign = relay({ ...inner, detail: { ...inner.detail, recipientAccountId: '444455556666' } });
    const { result, findings, regions } = await guard(foreign as typeof sample);
    expect(result).toMatchObject({ status: 'ignored' });
    expect(findings).toMatchObject([{ checkId: 'event-other-account', account: '444455556666' }]);
    expect(regions).toEqual([]);
  });

  it.each([
    ['wrapped twice', relay(relay(inner))],
    [
      'a detail whose inner detail is not a CloudTrail record',
      relay({ ...inner, detail: { note: 'hello' } }),
    ],
    ['a detail that carries a record but is no EventBridge event', relay({ detail: sample.detail })],
    [
      'an inner detail that is a string (a relay that forwarded the body unparsed)',
      relay(JSON.stringify(inner)),
    ],
  ])('stays ignored when %s', async (_, event) => {
    expect(routeEvent(event, 'guard', undefined, { account: OWN })).toMatchObject({ kind: 'ignored' });
    const { result, findings } = await guard(event as typeof sample);
    expect(result).toMatchObject({ status: 'ignored' });
    expect(findings).toEqual([]);
  });
});
