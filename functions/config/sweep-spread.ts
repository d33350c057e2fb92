import type { SweepSpread } from '../core/model/sweep-slot.js';
import { ConfigError, type Env, value } from './env.js';

/**
 * SWEEP_SPREAD=`<period>/<slot>` in minutes, e.g. `360/5`: every account sweeps once per period, in
 * the slot its account id picks; the schedule must fire every `<slot>` minutes on the clock
 * (sweepSchedule `cron(0/5 * * * ? *)`). Unset: the sweep runs at every firing, as it always did.
 */
export function loadSweepSpread(env: Env): SweepSpread | undefined {
  const raw = value(env, 'SWEEP_SPREAD');
  if (raw === undefined) return undefined;
  const match = /^(\d{1,5})\/(\d{1,4})$/.exec(raw);
  const periodMinutes = Number(match?.[1]);
  const slotMinutes = Number(match?.[2]);
  if (!match || slotMinutes < 1 || periodMinutes < 2 * slotMinutes || periodMinutes % slotMinutes !== 0) {
    throw new ConfigError(
      'SWEEP_SPREAD',
      'period/slot in minutes, the period a multiple of the slot and at least two slots, e.g. "360/5"',
      raw,
    );
  }
  return Object.freeze({ periodMinutes, slotMinutes });
}
