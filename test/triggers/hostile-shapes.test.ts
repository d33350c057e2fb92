import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeEmrGuardHandler } from '../../functions/handlers/emr-guard-handler.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { makeHostPostureHandler } from '../../functions/handlers/host-posture-handler.js';
import { makeSweepHandler } from '../../functions/handlers/sweep-handler.js';
import { silentLog } from '../../functions/log.js';
import { TRIGGERS } from '../../functions/triggers/registry.js';
import { eventFiles, loadEvent } from '../support/events.js';
import { InMemoryPublisher, inMemoryDeps, inMemoryEmrDeps } from '../support/in-memory-aws.js';
import { InMemoryHosts } from '../support/in-memory-hosts.js';

const DEPTH = 20_000;
const config = loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings' });
const CONTEXT = { invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:guard' };

/** Nesting built in a loop (a recursive builder would itself overflow). */
function nested(depth: number, wrap: (inner: unknown) => unknown, core: unknown = {}): unknown {
  let value = core;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

const SHAPES: readonly [string, unknown][] = [
  [
    '20,000 levels of `items`',
    nested(DEPTH, (v) => ({ items: v }), { ipProtocol: 'tcp', fromPort: 22, toPort: 22 }),
  ],
  ['20,000 levels of `item`', nested(DEPTH, (v) => ({ item: v }))],
  ['20,000 nested arrays', nested(DEPTH, (v) => [v])],
  ['20,000 nested objects', nested(DEPTH, (v) => ({ a: v }))],
  ['a 200 KB string', 'x'.repeat(200_000)],
  ['50,000 empty objects', Array.from({ length: 50_000 }, () => ({}))],
];

/** Where a hostile value can sit: every field of the record a parser or the router reads. */
const FIELDS = [
  'requestParameters',
  'responseElements',
  'userIdentity',
  'eventName',
  'eventSource',
  'recipientAccountId',
  'awsRegion',
  'resources',
  'omitted',
  'errorCode',
];

/** The request fields parsers walk into, one level down. */
const REQUEST_FIELDS = [
  'ipPermissions',
  'groupId',
  'instances',
  'ModifySecurityGroupRulesRequest',
  'ModifyManagedPrefixListRequest',
  'RestoreManagedPrefixListVersionRequest',
];

const handlers = {
  guard: () => makeGuardHandler(config, inMemoryDeps().deps, silentLog),
  emrGuard: () => makeEmrGuardHandler(config, inMemoryEmrDeps().deps, silentLog),
  sweep: () => makeSweepHandler(config, inMemoryDeps().deps, silentLog),
  hostPosture: () =>
    makeHostPostureHandler(
      config,
      {
        postureFor: () => new InMemoryHosts(),
        publisher: new InMemoryPublisher(),
        now: () => new Date('2026-11-21T10:00:00Z'),
      },
      silentLog,
    ),
};

/** One sample per trigger of the registry, the function that receives it, and its detail. */
const samples = TRIGGERS.map((t) => {
  const file = eventFiles().find(
    (f) => loadEvent(f) && f.startsWith(t.id === 'schedule' ? 'schedule' : t.id),
  );
  return { id: t.id, receiver: t.receiver, file: file ?? '' };
}).filter((s) => s.file);

const cases = samples.flatMap((s) =>
  SHAPES.flatMap(([shape, value]) => [
    ...FIELDS.map((field) => [s.id, s.receiver, s.file, `detail.${field}`, shape, value] as const),
    ...REQUEST_FIELDS.map(
      (field) => [s.id, s.receiver, s.file, `requestParameters.${field}`, shape, value] as const,
    ),
    [s.id, s.receiver, s.file, 'detail', shape, value] as const,
  ]),
);

describe('Class 7 Hostile shapes: no input crashes a handler', () => {
  it('covers every trigger of the registry', () => {
    expect(samples.map((s) => s.id).sort()).toEqual(TRIGGERS.map((t) => t.id).sort());
  });

  it.each(cases)('%s (%s function, %s): %s holding %s', async (_id, receiver, file, where, _shape, value) => {
    const event = loadEvent(file);
    const detail = { ...event.detail };
    if (where === 'detail') Object.assign(event, { detail: value });
    else if (where.startsWith('detail.'))
      Object.assign(event, { detail: { ...detail, [where.slice(7)]: value } });
    else {
      const request = typeof detail.requestParameters === 'object' ? detail.requestParameters : {};
      Object.assign(event, {
        detail: { ...detail, requestParameters: { ...request, [where.slice(18)]: value } },
      });
    }
    const result = await handlers[receiver]()(event, CONTEXT);
    expect(['handled', 'ignored', 'skipped', 'unparsed']).toContain(result.status);
  });
});

describe('Class 7 Hostile shapes: deep nesting is reported, never read as "no rules"', () => {
  it('publishes one unparsed-event finding and revokes nothing for 20,000 levels of `items` in ipPermissions', async () => {
    const { deps, ec2For, publisher } = inMemoryDeps();
    const permission = {
      ipProtocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
    };
    const event = loadEvent('authorize-pre-2021-no-ruleset.json');
    const request = {
      ...(event.detail.requestParameters as object),
      ipPermissions: nested(DEPTH, (v) => ({ items: v }), permission),
    };
    const result = await makeGuardHandler(
      config,
      deps,
      silentLog,
    )({ ...event, detail: { ...event.detail, requestParameters: request } });
    expect(result).toMatchObject({ status: 'unparsed' });
    expect(
      publisher
        .documents()
        .flatMap((d) => d.findings)
        .map((f) => f.checkId),
    ).toEqual(['unparsed-event']);
    expect(ec2For('eu-west-1').callCount('revokeIngress')).toBe(0);
  });
});
