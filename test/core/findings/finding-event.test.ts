import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../functions/core/findings/finding.js';
import {
  batchEntries,
  entrySize,
  FINDING_EVENT_DETAIL_TYPE,
  FINDING_EVENT_SOURCE,
  type FindingEventEntry,
  PUT_EVENTS_MAX_BYTES,
  PUT_EVENTS_MAX_ENTRIES,
  toFindingEvent,
} from '../../../functions/core/findings/finding-event.js';
import { assertValidFindingMessage } from '../../support/finding-schema.js';
import { sampleFindings } from '../../support/sample-findings.js';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const revoked = sampleFindings.find((f) => f.action.type === 'revoked') as Finding;

describe('a finding as an EventBridge event', () => {
  it('has the documented source and detail-type, and the finding document as detail', () => {
    const entry = toFindingEvent(revoked, 'default');
    expect(entry).toMatchObject({ Source: 'ssh-ingress-guard', DetailType: 'SSH Ingress Guard Finding' });
    expect([entry.Source, entry.DetailType]).toEqual([FINDING_EVENT_SOURCE, FINDING_EVENT_DETAIL_TYPE]);
    expect(JSON.parse(entry.Detail)).toEqual(revoked);
    expect(entry.Time).toBe(revoked.observedAt);
  });

  it.each(sampleFindings.map((f) => [f.findingId, f] as const))(
    'detail of %s matches the finding schema',
    (_id, f) => {
      const detail = JSON.parse(toFindingEvent(f, 'default').Detail);
      expect(() =>
        assertValidFindingMessage({
          schemaVersion: '1.0',
          product: 'ssh-ingress-guard',
          part: { index: 1, count: 1 },
          findings: [detail],
        }),
      ).not.toThrow();
    },
  );

  it('the same finding gives the same detail', () => {
    expect(toFindingEvent({ ...revoked }, 'default').Detail).toBe(toFindingEvent(revoked, 'default').Detail);
  });
});

const entryOf = (size: number, i: number): FindingEventEntry => ({
  Source: FINDING_EVENT_SOURCE,
  DetailType: FINDING_EVENT_DETAIL_TYPE,
  Detail: JSON.stringify({ i, pad: 'x'.repeat(size) }),
  Time: '2026-01-01T00:00:00Z',
  EventBusName: 'default',
});

describe('PutEvents batches', () => {
  it.each([
    [0, []],
    [1, [1]],
    [10, [10]],
    [11, [10, 1]],
    [25, [10, 10, 5]],
  ])('%i small entries go in batches of %j', (count, sizes) => {
    const entries = Array.from({ length: count }, (_, i) => entryOf(10, i));
    expect(batchEntries(entries, bytes).map((b) => b.length)).toEqual(sizes);
  });

  it('splits by size before 10 entries when entries are large', () => {
    const entries = Array.from({ length: 4 }, (_, i) => entryOf(100_000, i));
    expect(batchEntries(entries, bytes).map((b) => b.length)).toEqual([2, 2]);
  });

  it('keeps every entry once, in order, each batch within both limits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 40 }), (sizes) => {
        const entries = sizes.map(entryOf);
        const batches = batchEntries(entries, bytes);
        expect(batches.flat()).toEqual(entries);
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          expect(batch.length).toBeLessThanOrEqual(PUT_EVENTS_MAX_ENTRIES);
          expect(batch.reduce((n, e) => n + entrySize(e, bytes), 0)).toBeLessThanOrEqual(
            PUT_EVENTS_MAX_BYTES,
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
