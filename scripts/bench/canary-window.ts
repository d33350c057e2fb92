import {
  CANARY_GROUP,
  runCanaryThroughGuard,
  seedCanaryGroup,
  startCanary,
} from '../../test/support/canary-relay.js';
import { startFakeAws } from '../../test/support/fake-aws/index.js';
import { GuardProcess } from '../../test/support/guard-process.js';
import { type Spread, spreadOf } from './stats.js';

export interface CanaryWindow {
  /** What the canary itself measured and would publish: Authorize sent to probe seen gone, in ms. */
  readonly windowMs: Spread;
  /** Of which the relay (standing in for CloudTrail and EventBridge) took, in ms. */
  readonly relayMs: Spread;
  readonly pollMs: number;
  readonly runs: number;
}

/**
 * The canary bundle and the guard bundle against the loopback fake, the relay delivering the
 * canary's Authorize to the guard (test/support/canary-relay.ts). In an account CloudTrail and
 * EventBridge add their delivery time (typically seconds) on top of what is measured here.
 */
export async function measureCanaryWindow(
  bundles: Readonly<Record<string, string>>,
  runs = 30,
  pollMs = 10,
): Promise<CanaryWindow> {
  const fake = await startFakeAws();
  const canary = await startCanary(bundles.canary as string, fake, pollMs, 10);
  const guard = await GuardProcess.start(bundles.guard as string, {
    ...fake.env(),
    CANARY_GROUP_ID: CANARY_GROUP,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  try {
    const windows: number[] = [];
    const relays: number[] = [];
    for (let i = 0; i < runs; i++) {
      fake.reset();
      seedCanaryGroup(fake);
      const run = await runCanaryThroughGuard(fake, canary, guard);
      if (run.canary.outcome.kind !== 'revoked' || !('relayMs' in run))
        throw new Error(`canary bench run ${i}: ${JSON.stringify(run.canary.outcome)}`);
      windows.push(run.canary.outcome.windowSeconds * 1000);
      relays.push(run.relayMs);
    }
    return { windowMs: spreadOf(windows), relayMs: spreadOf(relays), pollMs, runs };
  } finally {
    await canary.close();
    await guard.close();
    await fake.close();
  }
}

/** The BENCHMARKS.md section, also printed by `npm run bench`. */
export function renderCanarySection(c: CanaryWindow): string {
  const row = (name: string, s: Spread) =>
    `| ${name} | ${s.min.toFixed(0)} | ${s.p50.toFixed(0)} | ${s.p90.toFixed(0)} | ${s.max.toFixed(0)} |`;
  return [
    '## Canary exposure window (loopback)',
    '',
    `${c.runs} canary runs of the built canary bundle against the built guard bundle, polling every ${c.pollMs} ms: the window`,
    'is what the canary publishes as `CanaryExposureWindow`, from its Authorize call to the first poll that',
    'finds the rule gone. CloudTrail and EventBridge delivery is replaced by a relay here; in an account it',
    'adds its own seconds, which is what the deployed canary measures.',
    '',
    '| ms | min | median | p90 | max |',
    '|---|---|---|---|---|',
    row('exposure window', c.windowMs),
    row('of which relay', c.relayMs),
    '',
  ].join('\n');
}
