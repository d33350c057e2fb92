import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type SweepSpread,
  slotCount,
  sweepSlotOf,
  sweepTurn,
} from '../../../functions/core/model/sweep-slot.js';

const accountId = fc.bigInt({ min: 100_000_000_000n, max: 999_999_999_999n }).map(String);
const spread = fc
  .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 2, max: 96 }))
  .map(([slotMinutes, slots]): SweepSpread => ({ slotMinutes, periodMinutes: slotMinutes * slots }));
const PERIOD_START = Date.UTC(2026, 0, 1);

/** Every firing of a schedule that fires every slot on the clock, over `periods` periods. */
const firings = (s: SweepSpread, periods: number) =>
  Array.from(
    { length: slotCount(s) * periods },
    (_, k) => new Date(PERIOD_START + k * s.slotMinutes * 60_000),
  );

describe('sweep slots spread the organisation over the period', () => {
  it('every account sweeps exactly once per period, whatever the period and slot', () => {
    fc.assert(
      fc.property(accountId, spread, (account, s) => {
        const sweeps = firings(s, 3)
          .map((time, k) => ({ k, turn: sweepTurn(account, time, s).turn }))
          .filter((f) => f.turn === 'sweep')
          .map((f) => f.k);
        expect(sweeps).toHaveLength(3);
        // Exactly one period apart: the same slot each time.
        const [first = 0, second = 0, third = 0] = sweeps;
        expect(second - first).toBe(slotCount(s));
        expect(third - second).toBe(slotCount(s));
      }),
    );
  });

  it('a waiting account is told when its turn comes, and it does', () => {
    fc.assert(
      fc.property(accountId, spread, fc.integer({ min: 0, max: 10_000 }), (account, s, k) => {
        const time = new Date(PERIOD_START + k * s.slotMinutes * 60_000);
        const turn = sweepTurn(account, time, s);
        if (turn.turn === 'sweep') return;
        const later = new Date(time.getTime() + turn.nextInMinutes * 60_000);
        expect(sweepTurn(account, later, s).turn).toBe('sweep');
        expect(turn.nextInMinutes).toBeLessThan(s.periodMinutes);
      }),
    );
  });

  it('a firing a few seconds late (EventBridge jitter) decides as the firing on the minute', () => {
    const s = { periodMinutes: 360, slotMinutes: 5 };
    fc.assert(
      fc.property(
        accountId,
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 59_000 }),
        (a, k, ms) => {
          const onTime = new Date(PERIOD_START + k * 5 * 60_000);
          expect(sweepTurn(a, new Date(onTime.getTime() + ms), s)).toEqual(sweepTurn(a, onTime, s));
        },
      ),
    );
  });

  it.each([
    [360, 5, 1000],
    [360, 5, 10_000],
    [1440, 15, 1000],
  ])(
    'period %i min, slot %i min: %i accounts fill every slot as evenly as a uniform random draw would',
    (periodMinutes, slotMinutes, n) => {
      const s = { periodMinutes, slotMinutes };
      const counts = new Array<number>(slotCount(s)).fill(0);
      // Account ids as organisations get them: 12 digits, no pattern (a fixed LCG keeps the test stable).
      let x = 123_456_789;
      for (let i = 0; i < n; i += 1) {
        x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
        const id = String(100_000_000_000 + ((x * 419) % 899_999_999_999));
        counts[sweepSlotOf(id, s)] = (counts[sweepSlotOf(id, s)] ?? 0) + 1;
      }
      // A uniform draw stays within about four standard deviations (sqrt of the mean) in every slot.
      const mean = n / counts.length;
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(Math.max(1, mean - 4 * Math.sqrt(mean)));
      expect(Math.max(...counts)).toBeLessThanOrEqual(mean + 4 * Math.sqrt(mean));
    },
  );
});
