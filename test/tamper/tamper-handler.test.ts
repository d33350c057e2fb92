import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../functions/core/findings/render-message';
import { judgeSelectors } from '../../functions/core/policy/tamper/judge-selectors';
import type { PublishPort } from '../../functions/deps';
import { silentLog } from '../../functions/log';
import type { MetricsPort } from '../../functions/metrics/metrics';
import { makeTamperHandler } from '../../functions/tamper/tamper-handler';
import { loadEvent, loadManifest } from '../support/events';

const GUARD = {
  keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  sweepSchedule: 'rate(6 hours)',
};

function run(event: unknown) {
  const messages: OutboundMessage[] = [];
  const data: { name: string; dimensions?: Record<string, string> }[] = [];
  const publisher: PublishPort = { publish: async (m) => void messages.push(m) };
  const metrics: MetricsPort = {
    add: (name) => void data.push({ name }),
    addWith: (name, _unit, _value, dimensions) => void data.push({ name, dimensions: { ...dimensions } }),
    flush() {},
  };
  const handler = makeTamperHandler(GUARD, { publisher, metrics }, silentLog);
  return handler(event).then((result) => {
    const alerts = messages.map((m) => JSON.parse(JSON.parse(m.message).default));
    const emails = messages.map((m) => JSON.parse(m.message).email as string);
    return { result, messages, alerts, emails, data };
  });
}

const samples = loadManifest().filter((e) => e.trigger === 'self-protection' && e.file.startsWith('tamper-'));
const alerting = samples.filter((e) => e.expect === 'critical-alert').map((e) => [e.file]);
const harmless = samples.filter((e) => e.expect === 'harmless').map((e) => [e.file]);

describe('the tamper function', () => {
  it.each(alerting)(
    '%s: one critical alert saying what was done, by whom, and what the guard can no longer see',
    async (file) => {
      const event = loadEvent(file);
      const { result, messages, alerts, emails } = await run(event);
      expect(result.status).toBe('alerted');
      expect(messages).toHaveLength(1);
      const [alert] = alerts;
      const actor = (event.detail.userIdentity as { arn: string }).arn;
      expect(alert).toMatchObject({
        kind: 'self-protection',
        severity: 'critical',
        eventName: event.detail.eventName,
      });
      expect(alert.what.length).toBeGreaterThan(10);
      expect(alert.who).toContain(actor);
      expect(alert.blindSpot.length).toBeGreaterThan(10);
      expect(emails[0]).toContain(`Who: ${alert.who}`);
      expect(emails[0]).toContain(`The guard can no longer see: ${alert.blindSpot}`);
      expect(messages[0]?.attributes).toMatchObject({ severity: 'critical', action: 'tamper' });
      expect(messages[0]?.subject).toMatch(/^\[ssh-ingress-guard\] TAMPER /);
      expect(messages[0]?.subject.length).toBeLessThanOrEqual(100);
    },
  );

  it.each(harmless)('%s: judged harmless, nothing published', async (file) => {
    const { result, messages } = await run(loadEvent(file));
    expect(['harmless', 'ignored']).toContain(result.status);
    expect(messages).toEqual([]);
  });

  it.each([
    ['tamper-events-disable-forwarder-rule.json', 'rule', /events of us-west-2/],
    ['tamper-cloudtrail-update-trail-single-region.json', 'trail', /calls in every region but eu-west-1/],
    ['tamper-cloudtrail-selectors-no-management.json', 'trail', /scheduled sweep \(rate\(6 hours\)\)/],
    ['tamper-kms-schedule-key-deletion.json', 'key', /cannot encrypt/],
    [
      'tamper-iam-update-assume-role-policy.json',
      'role',
      /another principal may act with the guard’s rights/,
    ],
    [
      'tamper-events-put-permission-default-bus.json',
      'bus-policy',
      /the forwarders in other regions send here may be refused/,
    ],
    ['tamper-cloudformation-delete-stack.json', 'stack', /once CloudFormation finishes removing them/],
  ])('%s is a %s path; the guard can no longer see: %s', async (file, path, blindSpot) => {
    const { alerts, data } = await run(loadEvent(file));
    expect(alerts[0]).toMatchObject({ path });
    expect(alerts[0].blindSpot).toMatch(blindSpot);
    expect(data).toContainEqual({ name: 'TamperAlerts', dimensions: { path } });
  });

  it('recognises its key named by an alias, through the key ARN CloudTrail lists under resources', async () => {
    const { alerts } = await run(loadEvent('tamper-kms-schedule-key-deletion.json'));
    expect(alerts[0]).toMatchObject({
      target: GUARD.keyArn,
      what: 'scheduled the findings key for deletion in 7 days',
    });
  });

  it('names who ran the change set, and the stack', async () => {
    const { alerts } = await run(loadEvent('tamper-cloudformation-execute-change-set.json'));
    expect(alerts[0].who).toBe('arn:aws:iam::123456789012:user/alice (IAMUser) from 203.0.113.14');
    expect(alerts[0].what).toBe(
      'executed change set ssh-ingress-guard-prod-change-set on the stack ssh-ingress-guard-prod',
    );
  });

  it.each([
    [
      'a failed call',
      {
        ...loadEvent('tamper-kms-disable-key.json'),
        detail: { ...loadEvent('tamper-kms-disable-key.json').detail, errorCode: 'AccessDenied' },
      },
    ],
    ['a non-CloudTrail event', { 'detail-type': 'Scheduled Event', detail: {} }],
    ['nothing at all', undefined],
  ])('ignores %s without publishing', async (_name, event) => {
    const { result, messages } = await run(event);
    expect(result.status).toBe('ignored');
    expect(messages).toEqual([]);
  });

  it('throws when the alert cannot be published, so Lambda retries and the failure queue keeps it', async () => {
    const handler = makeTamperHandler(
      GUARD,
      {
        publisher: { publish: () => Promise.reject(new Error('KMS.DisabledException')) },
        metrics: { add() {}, addWith() {}, flush() {} },
      },
      silentLog,
    );
    await expect(handler(loadEvent('tamper-kms-disable-key.json'))).rejects.toThrow('KMS.DisabledException');
  });
});

const basic = (s: Record<string, unknown>) => ({
  eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, ...s }],
});
const advanced = (...fieldSelectors: Record<string, unknown>[]) => ({
  advancedEventSelectors: [{ name: 'x', fieldSelectors }],
});
const MANAGEMENT = { field: 'eventCategory', equals: ['Management'] };

describe('judging event selectors from the request', () => {
  it.each([
    ['basic: all management events (the default)', basic({}), 'keeps-management-writes'],
    ['basic: write-only management events', basic({ readWriteType: 'WriteOnly' }), 'keeps-management-writes'],
    [
      'basic: KMS excluded (still sees security groups)',
      basic({ excludeManagementEventSources: ['kms.amazonaws.com'] }),
      'keeps-management-writes',
    ],
    ['basic: read-only management events', basic({ readWriteType: 'ReadOnly' }), 'drops-management-writes'],
    ['basic: management events off', basic({ includeManagementEvents: false }), 'drops-management-writes'],
    ['basic: no selector at all', { eventSelectors: [] }, 'drops-management-writes'],
    [
      'basic: one read-only selector beside one that writes',
      {
        eventSelectors: [
          { readWriteType: 'ReadOnly' },
          { readWriteType: 'WriteOnly', includeManagementEvents: true },
        ],
      },
      'keeps-management-writes',
    ],
    ['advanced: management, any readOnly', advanced(MANAGEMENT), 'keeps-management-writes'],
    [
      'advanced: management writes only',
      advanced(MANAGEMENT, { field: 'readOnly', equals: ['false'] }),
      'keeps-management-writes',
    ],
    [
      'advanced: management, readOnly not true',
      advanced(MANAGEMENT, { field: 'readOnly', notEquals: ['true'] }),
      'keeps-management-writes',
    ],
    [
      'advanced: management reads only',
      advanced(MANAGEMENT, { field: 'readOnly', equals: ['true'] }),
      'drops-management-writes',
    ],
    [
      'advanced: data events only',
      advanced({ field: 'eventCategory', equals: ['Data'] }),
      'drops-management-writes',
    ],
    [
      'advanced: management but EC2 excluded',
      advanced(MANAGEMENT, { field: 'eventSource', notEquals: ['ec2.amazonaws.com'] }),
      'drops-management-writes',
    ],
    [
      'advanced: management of IAM only',
      advanced(MANAGEMENT, { field: 'eventSource', equals: ['iam.amazonaws.com'] }),
      'drops-management-writes',
    ],
  ])('%s: %s', (_name, request, kind) => {
    expect(judgeSelectors(request).kind).toBe(kind);
  });

  it.each([
    ['basic', basic({ excludeManagementEventSources: ['kms.amazonaws.com'] })],
    ['advanced', advanced(MANAGEMENT, { field: 'eventSource', notEquals: ['kms.amazonaws.com'] })],
  ])('%s selectors that drop KMS events are flagged: key tampering would go unseen', (_name, request) => {
    expect(judgeSelectors(request)).toEqual({ kind: 'keeps-management-writes', dropsKms: true });
  });
});

describe('Class 7 Hostile shapes: the tamper function', () => {
  const deep = (levels: number): unknown => {
    let value: unknown = 'x';
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  };

  it('reads a 20,000-level errorCode as a failed call, without crashing', async () => {
    const event = loadEvent('tamper-cloudtrail-stop-logging.json');
    const { result, messages } = await run({
      ...event,
      detail: { ...event.detail, errorCode: deep(20_000) },
    });
    expect(result.status).toBe('ignored');
    expect(result.reason).toMatch(/^the call failed \(/);
    expect((result.reason ?? '').length).toBeLessThan(200);
    expect(messages).toEqual([]);
  });

  it('judges advanced selectors whose field is 20,000 levels deep as naming no field, without crashing', async () => {
    const event = loadEvent('tamper-cloudtrail-advanced-selectors-read-only.json');
    const request = event.detail.requestParameters as {
      advancedEventSelectors: { fieldSelectors: object[] }[];
    };
    const hostile = {
      ...request,
      advancedEventSelectors: request.advancedEventSelectors.map((s) => ({
        ...s,
        fieldSelectors: s.fieldSelectors.map((f) => ({ ...f, field: deep(20_000) })),
      })),
    };
    const { result } = await run({ ...event, detail: { ...event.detail, requestParameters: hostile } });
    expect(['alerted', 'harmless']).toContain(result.status);
  });
});
