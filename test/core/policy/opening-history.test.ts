import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceOpening,
  type Opening,
  openingKeyOf,
  type StoredOpening,
} from '../../../functions/core/policy/opening-history.js';
import { cidr, ruleOf } from '../../support/policy.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-21T00:00:00Z');
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const opening = (eventId: string, hours: number, windowHours = 24): Opening => ({
  key: 'k',
  eventId,
  at: at(hours),
  windowHours,
});
const stored = (count: number, first: number, last: number, lastEventId = 'ev-0'): StoredOpening => ({
  count,
  firstAt: at(first),
  lastAt: at(last),
  windowHours: 24,
  lastEventId,
});

describe('flip-flop with infrastructure as code: counting openings', () => {
  it.each<[string, StoredOpening | undefined, Opening, Pick<StoredOpening, 'count' | 'firstAt' | 'lastAt'>]>([
    ['a first opening', undefined, opening('ev-1', 0), { count: 1, firstAt: at(0), lastAt: at(0) }],
    [
      'a second within the window',
      stored(1, 0, 0),
      opening('ev-1', 23),
      { count: 2, firstAt: at(0), lastAt: at(23) },
    ],
    [
      'exactly at the window',
      stored(1, 0, 0),
      opening('ev-1', 24),
      { count: 2, firstAt: at(0), lastAt: at(24) },
    ],
    [
      'after the window: a new run',
      stored(4, 0, 10),
      opening('ev-1', 34.5),
      { count: 1, firstAt: at(34.5), lastAt: at(34.5) },
    ],
    [
      'the window runs from the last opening',
      stored(2, 0, 20),
      opening('ev-1', 40),
      { count: 3, firstAt: at(0), lastAt: at(40) },
    ],
    [
      'a redelivered event',
      stored(2, 0, 5, 'ev-1'),
      opening('ev-1', 5),
      { count: 2, firstAt: at(0), lastAt: at(5) },
    ],
    [
      'an event delivered late',
      stored(2, 5, 10),
      opening('ev-1', 3),
      { count: 3, firstAt: at(3), lastAt: at(10) },
    ],
  ])('%s', (_name, previous, next, expected) => {
    expect(advanceOpening(previous, next)).toMatchObject(expected);
  });

  it('keys by account, region, group and source, not by ports', () => {
    const a = ruleOf({ ports: { from: 22, to: 22 } });
    const b = ruleOf({ ports: { from: 0, to: 65535 } });
    expect(openingKeyOf('123456789012', 'eu-west-1', a)).toBe(
      '123456789012/eu-west-1/sg-0a1b2c3d4e5f60001/0.0.0.0/0',
    );
    expect(openingKeyOf('123456789012', 'eu-west-1', b)).toBe(openingKeyOf('123456789012', 'eu-west-1', a));
    expect(openingKeyOf('123456789012', 'eu-west-1', ruleOf({ source: cidr('::/0') }))).not.toBe(
      openingKeyOf('123456789012', 'eu-west-1', a),
    );
  });

  it('counts, in time order, the distinct events since the last gap longer than the window (any redeliveries)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (hours, repeats) => {
          const sorted = [...hours].sort((x, y) => x - y);
          const events = sorted.map((h, i) => opening(`ev-${i}`, h));
          // Redeliveries arrive right after their original, as Lambda retries do.
          const delivered = events.flatMap((e, i) => (repeats.includes(i) ? [e, e] : [e]));
          let state: StoredOpening | undefined;
          for (const e of delivered) state = advanceOpening(state, e);
          // Oracle: walk back from the last opening while gaps stay within 24 h.
          let start = sorted.length - 1;
          while (start > 0 && (sorted[start] as number) - (sorted[start - 1] as number) <= 24) start -= 1;
          expect(state?.count).toBe(sorted.length - start);
          expect(state?.firstAt).toBe(at(sorted[start] as number));
          expect(state?.lastAt).toBe(at(sorted[sorted.length - 1] as number));
        },
      ),
    );
  });
});
