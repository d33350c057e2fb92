import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRIGGERS } from '../../functions/triggers/registry.js';
import { emptyAccount, isDeclaredError, type Run, runHandler } from './fuzz-harness.js';

// FUZZ_RUNS=50000 npx vitest run test/fuzz for a deeper search than CI's.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const TIMEOUT = Math.max(20_000, RUNS * 5);
const STATUSES = ['handled', 'ignored', 'skipped', 'unparsed'];

const CALLS = TRIGGERS.flatMap((t) => (t.match.kind === 'cloudtrail' ? [t.match] : []));
const HANDLED_NAMES = CALLS.map((c) => c.eventName);
const HANDLED_SOURCES = [...new Set(CALLS.map((c) => c.eventSource))];

/** Envelopes EventBridge could plausibly hand over, with anything at all inside. */
const arbEnvelope = fc.record(
  {
    version: fc.constant('0'),
    id: fc.oneof(fc.uuid(), fc.anything()),
    'detail-type': fc.oneof(
      fc.constantFrom('AWS API Call via CloudTrail', 'EMR Cluster State Change', 'Scheduled Event'),
      fc.string(),
    ),
    source: fc.oneof(
      fc.constantFrom('aws.ec2', 'aws.elasticmapreduce', 'aws.emr', 'aws.events', 'toString', '__proto__'),
      fc.anything(),
    ),
    account: fc.oneof(fc.constant('123456789012'), fc.anything()),
    region: fc.oneof(fc.constant('eu-west-1'), fc.anything()),
    time: fc.oneof(fc.constant('2026-11-21T10:00:00Z'), fc.anything()),
    detail: fc.oneof(
      fc.anything(),
      fc.record(
        {
          eventSource: fc.oneof(fc.constantFrom(...HANDLED_SOURCES, 'toString'), fc.anything()),
          eventName: fc.oneof(fc.constantFrom(...HANDLED_NAMES, 'constructor'), fc.anything()),
          errorCode: fc.anything(),
          requestParameters: fc.anything(),
          responseElements: fc.anything(),
          userIdentity: fc.anything(),
          eventID: fc.oneof(fc.uuid(), fc.anything()),
          eventTime: fc.anything(),
          sourceIPAddress: fc.anything(),
          userAgent: fc.anything(),
        },
        { requiredKeys: ['eventName'] },
      ),
    ),
  },
  { requiredKeys: ['detail-type', 'source', 'detail'] },
);

/** The handler's promise for any input: a summary, never a throw; what it cannot parse it reports. */
function expectSummary(run: Run): void {
  if (run.outcome.kind === 'threw') throw run.outcome.error;
  expect(STATUSES).toContain(run.outcome.result.status);
  if (run.outcome.result.status === 'unparsed') {
    expect(run.revoked).toEqual([]);
    expect(run.findings.map((f) => f.checkId)).toEqual(['unparsed-event']);
  }
}

describe('arbitrary input through the handler', () => {
  it.each([
    ['any value at all (fc.anything)', fc.anything()],
    ['any JSON document (fc.json)', fc.json().map((text) => JSON.parse(text) as unknown)],
    ['EventBridge envelopes with arbitrary contents', arbEnvelope],
  ])(
    'returns a summary and never throws for %s',
    async (_, arbitrary) => {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (event) => expectSummary(await runHandler(event, emptyAccount()))),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'throws nothing but PublishError (caused by SNS) when SNS is down, and only when it had findings to publish',
    async () => {
      await fc.assert(
        fc.asyncProperty(arbEnvelope, async (event) => {
          const outage = Object.assign(new Error('SNS is down'), { name: 'InternalErrorException' });
          const run = await runHandler(event, emptyAccount(), { publishFails: outage });
          if (run.outcome.kind === 'threw') {
            expect(isDeclaredError(run.outcome.error, outage)).toBe(true);
          } else {
            expect(run.outcome.result.findingIds ?? []).toEqual([]);
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
