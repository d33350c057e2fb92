import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvent } from '../support/events.js';
import { GuardProcess, TOPIC_ARN } from '../support/guard-process.js';
import { attributesOf } from '../support/published-findings.js';
import { bundleOf, setUpWire } from './wire-harness.js';

const wire = setUpWire();
const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
let tamper: GuardProcess;

beforeAll(async () => {
  tamper = await GuardProcess.start(bundleOf('tamper'), {
    ...wire.fake.env(),
    FINDINGS_KEY_ARN: KEY,
    SWEEP_SCHEDULE: 'rate(6 hours)',
  });
});

afterAll(() => tamper?.close());

describe('the built tamper bundle, on the wire', () => {
  it('publishes one critical alert to the topic for a blinding selector change, and prints its metric', async () => {
    const invocation = await tamper.invoke(loadEvent('tamper-cloudtrail-selectors-no-management.json'));
    expect(invocation).toMatchObject({ ok: true, result: { status: 'alerted', path: 'trail' } });
    const [message, ...more] = wire.fake.state.published;
    expect(more).toEqual([]);
    expect(message).toMatchObject({ TopicArn: TOPIC_ARN, MessageStructure: 'json' });
    expect(attributesOf(message as never)).toMatchObject({ severity: 'critical', action: 'tamper' });
    const alert = JSON.parse(JSON.parse(message?.Message ?? '{}').default);
    expect(alert).toMatchObject({ kind: 'self-protection', path: 'trail', eventName: 'PutEventSelectors' });
    const emf = tamper.logRecords().filter((r) => 'TamperAlerts' in r);
    expect(emf).toEqual([expect.objectContaining({ TamperAlerts: 1, path: 'trail', function: 'tamper' })]);
  });

  it('publishes nothing for a harmless selector change', async () => {
    const invocation = await tamper.invoke(loadEvent('tamper-cloudtrail-selectors-add-data-events.json'));
    expect(invocation).toMatchObject({ ok: true, result: { status: 'harmless' } });
    expect(wire.fake.state.published).toEqual([]);
  });

  it('throws when SNS refuses the alert, so Lambda retries and the failure queue keeps the event', async () => {
    wire.fake.faults.add({
      service: 'sns',
      action: 'Publish',
      kind: 'error',
      code: 'KMSDisabled',
      status: 400,
    });
    const invocation = await tamper.invoke(loadEvent('tamper-kms-disable-key.json'));
    expect(invocation.ok).toBe(false);
  });
});
