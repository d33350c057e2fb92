import { describe, expect, it } from 'vitest';
import type { Config } from '../../functions/config/config.js';
import { sweepSlotOf } from '../../functions/core/model/sweep-slot.js';
import type { Deps } from '../../functions/deps.js';
import { makeSweepHandler } from '../../functions/handlers/sweep-handler.js';
import type { Log } from '../../functions/log.js';

const ACCOUNT = '123456789012';
const SPREAD = { periodMinutes: 360, slotMinutes: 5 };
const quiet = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Log;
/** Deps that fail loudly if the sweep starts: whether it started is what these tests observe. */
const started = new Error('the sweep started');
const deps = {
  ec2For: () => {
    throw started;
  },
  publisher: { publish: async () => {} },
  now: () => new Date(0),
} as unknown as Deps;
const config = { mode: 'report', sweep: { regionConcurrency: 1 } } as unknown as Config;

/** The schedule's firing in slot `slot` of the first period of 2026 (a period starts every 6 h of epoch minutes). */
const firingInSlot = (slot: number) => ({
  version: '0',
  id: `sched-${slot}`,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: ACCOUNT,
  time: new Date(Date.UTC(2026, 0, 1) + slot * 5 * 60_000).toISOString(),
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/ssh-ingress-guard-prod-sweep'],
  detail: {},
});

describe('a sweep spread over the organisation', () => {
  const own = sweepSlotOf(ACCOUNT, SPREAD);
  const handler = makeSweepHandler(config, deps, quiet, undefined, SPREAD);

  it("skips another account's slot without any AWS call, saying when its own comes", async () => {
    const other = (own + 1) % 72;
    await expect(handler(firingInSlot(other))).resolves.toEqual({
      status: 'ignored',
      eventId: `sched-${other}`,
      reason: `not this account's sweep slot; next in ${71 * 5} min`,
    });
  });

  it('sweeps in its own slot', async () => {
    await expect(handler(firingInSlot(own))).rejects.toBe(started);
  });

  it('without a spread, sweeps at every firing as before', async () => {
    await expect(makeSweepHandler(config, deps, quiet)(firingInSlot(own + 1))).rejects.toBe(started);
  });
});
