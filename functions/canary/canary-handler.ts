import type { CanaryOutcome, CanarySettings } from '../core/model/canary-outcome.js';
import type { Log } from '../log.js';
import type { MetricsPort } from '../metrics/metrics.js';
import { type CanaryClock, type CanaryPort, runCanary } from './run-canary.js';

export interface CanaryResult {
  readonly status: CanaryOutcome['kind'];
  readonly outcome: CanaryOutcome;
}

export interface CanaryDeps {
  readonly canary: CanaryPort;
  readonly clock: CanaryClock;
  readonly metrics: MetricsPort;
}

/**
 * The scheduled canary. Its outcome is a value, not an error: the alarms on `CanaryRuns` (by outcome)
 * page when the guard did not revoke the probe within the bound, or when the canary could not run.
 * The window is published only when measured, so its statistics are true windows.
 */
export function makeCanaryHandler(settings: CanarySettings, deps: CanaryDeps, log: Log) {
  return async (_event: unknown): Promise<CanaryResult> => {
    const outcome = await runCanary(settings, deps.canary, deps.clock);
    deps.metrics.addWith('CanaryRuns', 'Count', 1, { outcome: outcome.kind });
    if (outcome.kind === 'revoked') {
      deps.metrics.add('CanaryExposureWindow', 'Seconds', outcome.windowSeconds);
      log.info('canary probe revoked by the guard', { ...outcome });
    } else {
      log.error(
        outcome.kind === 'not-revoked'
          ? 'canary probe NOT revoked within the bound: world-open SSH is not being removed'
          : 'canary could not run: the guard is unproven',
        { ...outcome },
      );
    }
    return { status: outcome.kind, outcome };
  };
}
