import { describe, expect, it } from 'vitest';
import { loadSweepSpread } from '../../functions/config/sweep-spread.js';

describe('SWEEP_SPREAD', () => {
  it('is off when unset or empty: the sweep runs at every firing', () => {
    expect(loadSweepSpread({})).toBeUndefined();
    expect(loadSweepSpread({ SWEEP_SPREAD: ' ' })).toBeUndefined();
  });

  it('reads period/slot in minutes', () => {
    expect(loadSweepSpread({ SWEEP_SPREAD: '360/5' })).toEqual({ periodMinutes: 360, slotMinutes: 5 });
  });

  it.each(['360', '360/0', '5/5', '360/7', 'six hours', '-360/5'])(
    '%j stops the function naming the variable',
    (raw) => {
      expect(() => loadSweepSpread({ SWEEP_SPREAD: raw })).toThrow(
        /^SWEEP_SPREAD: expected period\/slot in minutes/,
      );
    },
  );
});
