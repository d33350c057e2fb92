import {
  type CanaryOutcome,
  type CanarySettings,
  decidePoll,
  MAX_POLL_FAILURES,
  toSeconds,
} from '../core/model/canary-outcome.js';

/** The canary's only rights: its own group, one probe rule. */
export interface CanaryPort {
  /** Adds tcp/22 from 0.0.0.0/0 to the canary group; returns the new rule's id. */
  openProbe(groupId: string): Promise<string>;
  /** Whether the probe rule is still on the group. */
  isProbeOpen(groupId: string, ruleId: string): Promise<boolean>;
  /** Removes the probe (when the guard did not); a rule already gone is fine. */
  closeProbe(groupId: string, ruleId: string): Promise<void>;
}

export interface CanaryClock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** One canary run: open the probe, poll until the guard revokes it or the bound passes. */
export async function runCanary(
  settings: CanarySettings,
  port: CanaryPort,
  clock: CanaryClock,
): Promise<CanaryOutcome> {
  const started = clock.now();
  let ruleId: string;
  try {
    ruleId = await port.openProbe(settings.groupId);
  } catch (e) {
    return { kind: 'failed', stage: 'open', error: describe(e) };
  }
  let polls = 0;
  let failures = 0;
  for (;;) {
    await clock.sleep(settings.pollMs);
    let open: boolean;
    try {
      open = await port.isProbeOpen(settings.groupId, ruleId);
      failures = 0;
    } catch (e) {
      failures += 1;
      if (failures < MAX_POLL_FAILURES && clock.now() - started < settings.boundMs) continue;
      await closeQuietly(port, settings.groupId, ruleId);
      return { kind: 'failed', stage: 'poll', error: describe(e), ruleId };
    }
    polls += 1;
    const elapsed = clock.now() - started;
    const decision = decidePoll(open, elapsed, settings.boundMs);
    if (decision === 'revoked') return { kind: 'revoked', ruleId, windowSeconds: toSeconds(elapsed), polls };
    if (decision === 'bound-passed') {
      const cleanup = await closeQuietly(port, settings.groupId, ruleId);
      return { kind: 'not-revoked', ruleId, boundSeconds: toSeconds(settings.boundMs), cleanup };
    }
  }
}

/** The canary never leaves its probe open on purpose, but a failed removal is reported, not thrown. */
async function closeQuietly(port: CanaryPort, groupId: string, ruleId: string) {
  try {
    await port.closeProbe(groupId, ruleId);
    return 'removed-by-canary' as const;
  } catch {
    return 'removal-failed' as const;
  }
}
