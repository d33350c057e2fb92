import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEvent } from '../support/events.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';
import { GuardProcess, resultOf } from '../support/guard-process.js';
import { findingsIn } from '../support/published-findings.js';
import { seedFromEvent } from '../support/seed-from-event.js';
import { bundleOf } from './wire-harness.js';

// The built guard bundle with REPEAT_TABLE set, against the loopback DynamoDB (JSON 1.0): the repeat
// counter's signed UpdateItem calls, their conditions and the item they leave, on the wire.

const TABLE = 'ssh-ingress-guard-openings';
const SAMPLE = 'authorize-world-ipv4-ssh.json';
const KEY = '123456789012/eu-west-1/sg-0a1b2c3d4e5f60001/0.0.0.0/0';

let fake: FakeAws;
let guard: GuardProcess;

beforeAll(async () => {
  fake = await startFakeAws();
  guard = await GuardProcess.start(bundleOf('guard'), { ...fake.env(), REPEAT_TABLE: TABLE });
});
beforeEach(() => {
  fake.reset();
  fake.state.region('eu-west-1').addTable(TABLE);
});
afterAll(async () => {
  await guard.close();
  await fake.close();
});

type Json = Record<string, unknown>;

/** The violating sample as another call of the same pipeline: its own event id and time. */
function opened(eventId: string, at: string): Json {
  const event = loadEvent(SAMPLE) as Json;
  const detail = event.detail as Json;
  return {
    ...event,
    id: `envelope-${eventId}`,
    time: at,
    detail: { ...detail, eventID: eventId, eventTime: at },
  };
}

/** Delivers an event after putting into EC2 what its call created (the pipeline re-opened the rule). */
async function deliver(event: Json) {
  seedFromEvent(fake.state, event);
  return resultOf(await guard.invoke(event));
}

const dynamoCalls = () =>
  fake.calls.filter((c) => c.service === 'dynamodb').map((c) => `${c.action} ${c.status}`);
const stored = () => fake.state.region('eu-west-1').tables.get(TABLE)?.items.get(KEY);

describe('flip-flop with infrastructure as code: the repeat counter on the wire (built bundle)', () => {
  it('escalates the second opening within the window to a critical repeat finding with the count and first/last times', async () => {
    await deliver(opened('ev-repeat-1', '2026-11-21T09:00:00Z'));
    const second = await deliver(opened('ev-repeat-2', '2026-11-21T11:30:00Z'));
    expect(second).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    const [first, repeat] = findingsIn(fake.state.published);
    expect(first).toMatchObject({ checkId: 'ssh-world-open', severity: 'high' });
    expect(repeat).toMatchObject({
      checkId: 'ssh-repeat-open',
      severity: 'critical',
      action: { type: 'revoked' },
      resource: {
        details: {
          repeat: {
            count: 2,
            firstOpenedAt: '2026-11-21T09:00:00Z',
            lastOpenedAt: '2026-11-21T11:30:00Z',
            windowHours: 24,
            repeatedCheckId: 'ssh-world-open',
          },
        },
      },
    });
    // One conditional write per violating event, each answered 200.
    expect(dynamoCalls()).toEqual(['UpdateItem 200', 'UpdateItem 200']);
    expect(stored()).toEqual({
      pk: { S: KEY },
      count: { N: '2' },
      firstAt: { S: '2026-11-21T09:00:00Z' },
      lastAt: { S: '2026-11-21T11:30:00Z' },
      lastAtMs: { N: String(Date.parse('2026-11-21T11:30:00Z')) },
      lastEventId: { S: 'ev-repeat-2' },
      windowHours: { N: '24' },
      // A day past the window, for DynamoDB's TTL.
      expiresAt: { N: String(Date.parse('2026-11-21T11:30:00Z') / 1000 + 24 * 3600 + 86_400) },
    });
  });

  it('counts a redelivered event once: its write is refused by the condition and nothing is written again', async () => {
    const event = opened('ev-redelivered', '2026-11-21T09:00:00Z');
    await deliver(event);
    await deliver(event);
    expect(findingsIn(fake.state.published).map((f) => f.checkId)).toEqual([
      'ssh-world-open',
      'ssh-world-open',
    ]);
    expect(dynamoCalls()).toEqual(['UpdateItem 200', 'UpdateItem 400']);
    expect(stored()).toMatchObject({ count: { N: '1' }, lastEventId: { S: 'ev-redelivered' } });
  });

  it('settles an event delivered late with one more conditional write, spanning the earlier time', async () => {
    await deliver(opened('ev-later', '2026-11-21T12:00:00Z'));
    await deliver(opened('ev-earlier', '2026-11-21T10:00:00Z'));
    const [, late] = findingsIn(fake.state.published);
    expect(late).toMatchObject({
      checkId: 'ssh-repeat-open',
      resource: {
        details: {
          repeat: { count: 2, firstOpenedAt: '2026-11-21T10:00:00Z', lastOpenedAt: '2026-11-21T12:00:00Z' },
        },
      },
    });
    expect(dynamoCalls()).toEqual(['UpdateItem 200', 'UpdateItem 400', 'UpdateItem 200']);
    expect(stored()).toMatchObject({ count: { N: '2' }, lastAt: { S: '2026-11-21T12:00:00Z' } });
  });

  it('starts the count again after a pause longer than the window', async () => {
    await deliver(opened('ev-old', '2026-11-20T09:00:00Z'));
    await deliver(opened('ev-new', '2026-11-21T09:00:01Z'));
    expect(findingsIn(fake.state.published).map((f) => f.checkId)).toEqual([
      'ssh-world-open',
      'ssh-world-open',
    ]);
    expect(stored()).toMatchObject({ count: { N: '1' }, firstAt: { S: '2026-11-21T09:00:01Z' } });
  });

  it('makes no DynamoDB call for a compliant event', async () => {
    const result = await deliver(loadEvent('authorize-private-cidr.json') as Json);
    expect(result).toMatchObject({ status: 'handled', violations: 0 });
    expect(dynamoCalls()).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('still revokes and publishes, with a note, when the table does not exist', async () => {
    fake.state.region('eu-west-1').tables.clear();
    const result = await deliver(opened('ev-no-table', '2026-11-21T09:00:00Z'));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(dynamoCalls()).toEqual(['UpdateItem 400']);
    expect(findingsIn(fake.state.published)).toMatchObject([
      {
        checkId: 'ssh-world-open',
        action: {
          type: 'revoked',
          note: expect.stringContaining('repeat count could not be recorded (ResourceNotFoundException)'),
        },
      },
    ]);
  });
});
