import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CanaryClock, type CanaryPort, runCanary } from '../../functions/canary/run-canary';

const SETTINGS = { groupId: 'sg-0c0ffee0c0ffee001', boundMs: 300_000, pollMs: 1_000 };

/** Simulated time: sleeping advances the clock, nothing waits for real. */
function fakeClock(): CanaryClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

interface Script {
  /** The guard revokes the probe this long after it was opened (never, when undefined). */
  readonly revokedAfterMs?: number;
  readonly openFails?: Error;
  /** Polls (1-based) whose Describe call fails. */
  readonly failingPolls?: readonly number[];
  readonly closeFails?: Error;
  /** How long the Authorize call itself takes. */
  readonly openTakesMs?: number;
}

function fakeGroup(clock: CanaryClock & { slept: number[] }, script: Script) {
  const calls: string[] = [];
  let openedAt = Number.NaN;
  let polls = 0;
  let closed = false;
  const port: CanaryPort = {
    async openProbe(groupId) {
      calls.push(`open ${groupId}`);
      if (script.openFails) throw script.openFails;
      if (script.openTakesMs) await clock.sleep(script.openTakesMs);
      openedAt = clock.now();
      return 'sgr-0probe000000001';
    },
    async isProbeOpen(_groupId, ruleId) {
      polls += 1;
      calls.push(`poll ${ruleId}`);
      if (script.failingPolls?.includes(polls))
        throw Object.assign(new Error('Rate exceeded'), { name: 'RequestLimitExceeded' });
      const revoked = script.revokedAfterMs !== undefined && clock.now() - openedAt >= script.revokedAfterMs;
      return !revoked && !closed;
    },
    async closeProbe(_groupId, ruleId) {
      calls.push(`close ${ruleId}`);
      if (script.closeFails) throw script.closeFails;
      closed = true;
    },
  };
  return { port, calls };
}

async function canary(script: Script, settings = SETTINGS) {
  const clock = fakeClock();
  const group = fakeGroup(clock, script);
  const outcome = await runCanary(settings, group.port, clock);
  return { outcome, calls: group.calls, clock };
}

describe('the canary state machine', () => {
  it('opened, then revoked after 7 s: the window is the time from the Authorize call to the first poll that finds it gone', async () => {
    const { outcome, calls } = await canary({ revokedAfterMs: 6_500 });
    expect(outcome).toEqual({ kind: 'revoked', ruleId: 'sgr-0probe000000001', windowSeconds: 7, polls: 7 });
    expect(calls[0]).toBe('open sg-0c0ffee0c0ffee001');
    expect(calls).not.toContain('close sgr-0probe000000001');
  });

  it('counts the Authorize call itself in the window (the rule may be live before it returns)', async () => {
    const { outcome } = await canary({ revokedAfterMs: 2_000, openTakesMs: 400 });
    expect(outcome).toMatchObject({ kind: 'revoked', windowSeconds: 2.4 });
  });

  it('not revoked by the bound: gives up at the bound, removes the probe itself and says so', async () => {
    const { outcome, calls, clock } = await canary({});
    expect(outcome).toEqual({
      kind: 'not-revoked',
      ruleId: 'sgr-0probe000000001',
      boundSeconds: 300,
      cleanup: 'removed-by-canary',
    });
    expect(clock.now()).toBe(300_000);
    expect(calls.at(-1)).toBe('close sgr-0probe000000001');
  });

  it('not revoked, and the probe could not be removed either: reported, not thrown', async () => {
    const { outcome } = await canary({ closeFails: new Error('UnauthorizedOperation') });
    expect(outcome).toMatchObject({ kind: 'not-revoked', cleanup: 'removal-failed' });
  });

  it('canary failed: the probe could not be opened (nothing is open, nothing to clean up)', async () => {
    const { outcome, calls } = await canary({
      openFails: Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' }),
    });
    expect(outcome).toEqual({
      kind: 'failed',
      stage: 'open',
      error: 'UnauthorizedOperation: not authorized',
    });
    expect(calls).toEqual(['open sg-0c0ffee0c0ffee001']);
  });

  it('canary failed: three polls in a row failed; it removes the probe it opened', async () => {
    const { outcome, calls } = await canary({ failingPolls: [2, 3, 4] });
    expect(outcome).toMatchObject({
      kind: 'failed',
      stage: 'poll',
      error: 'RequestLimitExceeded: Rate exceeded',
    });
    expect(calls.at(-1)).toBe('close sgr-0probe000000001');
  });

  it('one failed poll is not a failure: it polls again', async () => {
    const { outcome } = await canary({ revokedAfterMs: 3_000, failingPolls: [2] });
    expect(outcome).toMatchObject({ kind: 'revoked', windowSeconds: 3, polls: 2 });
  });

  it('polls at the configured interval', async () => {
    const { clock } = await canary({ revokedAfterMs: 1_500 }, { ...SETTINGS, pollMs: 250 });
    expect(new Set(clock.slept)).toEqual(new Set([250]));
  });

  it('property: the window is never shorter than the guard took, and at most one poll interval longer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 299_000 }),
        fc.integer({ min: 50, max: 5_000 }),
        async (revokedAfterMs, pollMs) => {
          const { outcome } = await canary({ revokedAfterMs }, { ...SETTINGS, pollMs });
          if (outcome.kind !== 'revoked') return revokedAfterMs + pollMs > SETTINGS.boundMs;
          return (
            outcome.windowSeconds * 1000 >= revokedAfterMs &&
            outcome.windowSeconds * 1000 <= Math.max(revokedAfterMs, 0) + pollMs
          );
        },
      ),
    );
  });
});
