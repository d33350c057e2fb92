/**
 * Spreads the scheduled sweeps of an organisation over the sweep period, so the hub never sees every
 * account sweep (and publish) in the same minute. Every account gets the same template and the same
 * parameters (StackSets); the spread comes from the one value that differs, the account id. The
 * schedule fires every `slotMinutes` on the clock; an account sweeps only in its own slot of the
 * period, read from the scheduled event's time, so a retried event decides the same way.
 */

export interface SweepSpread {
  /** How often every account is swept, e.g. 360 (six hours). */
  readonly periodMinutes: number;
  /** How often the schedule fires, e.g. 5: the period has periodMinutes / slotMinutes slots. */
  readonly slotMinutes: number;
}

/** FNV-1a (32 bit): small, fast, and even enough over 12-digit account ids (see the slot test). */
export function hashAccount(accountId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i += 1) {
    hash ^= accountId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export const slotCount = (spread: SweepSpread): number =>
  Math.floor(spread.periodMinutes / spread.slotMinutes);

/** The account's slot in the period, 0 .. slots-1: the same on every run. */
export function sweepSlotOf(accountId: string, spread: SweepSpread): number {
  return hashAccount(accountId) % slotCount(spread);
}

/** The slot a scheduled time falls in (schedules fire on the clock: 00:00, 00:05, ...). */
export function slotAt(time: Date, spread: SweepSpread): number {
  const minutes = Math.floor(time.getTime() / 60_000);
  return Math.floor(minutes / spread.slotMinutes) % slotCount(spread);
}

export type SweepTurn =
  | { readonly turn: 'sweep' }
  | { readonly turn: 'wait'; readonly nextInMinutes: number };

/** Whether the schedule's firing at `time` is this account's turn, and if not, how long until it is. */
export function sweepTurn(accountId: string, time: Date, spread: SweepSpread): SweepTurn {
  const slots = slotCount(spread);
  const own = sweepSlotOf(accountId, spread);
  const now = slotAt(time, spread);
  if (own === now) return { turn: 'sweep' };
  return { turn: 'wait', nextInMinutes: ((((own - now) % slots) + slots) % slots) * spread.slotMinutes };
}
