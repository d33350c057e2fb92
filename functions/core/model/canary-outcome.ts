/**
 * The canary proves the whole chain in the user's account: it opens tcp/22 from 0.0.0.0/0 on its own
 * empty group and measures how long the rule lives. This holds its states and the one decision taken
 * at each poll; functions/canary/run-canary.ts drives them with real (or test) time.
 */
export interface CanarySettings {
  /** The stack's dedicated, empty canary group. */
  readonly groupId: string;
  /** How long the guard has to revoke the probe before the canary calls it a failure. */
  readonly boundMs: number;
  /** How often the group is read while waiting; also the window's resolution. */
  readonly pollMs: number;
}

export type CanaryOutcome =
  /** The guard revoked the probe: `windowSeconds` from the Authorize call to the first poll that found it gone. */
  | {
      readonly kind: 'revoked';
      readonly ruleId: string;
      readonly windowSeconds: number;
      readonly polls: number;
    }
  /** Still there at the bound: the chain is broken somewhere. The canary removed the probe itself, if it could. */
  | {
      readonly kind: 'not-revoked';
      readonly ruleId: string;
      readonly boundSeconds: number;
      readonly cleanup: 'removed-by-canary' | 'removal-failed';
    }
  /** The canary itself could not do its job: nothing is proven either way. */
  | {
      readonly kind: 'failed';
      readonly stage: 'open' | 'poll';
      readonly error: string;
      readonly ruleId?: string;
    };

export type CanaryOutcomeKind = CanaryOutcome['kind'];

/** What one poll means, `elapsedMs` after the Authorize call was sent. */
export type PollDecision = 'revoked' | 'wait' | 'bound-passed';

export function decidePoll(probeOpen: boolean, elapsedMs: number, boundMs: number): PollDecision {
  if (!probeOpen) return 'revoked';
  return elapsedMs >= boundMs ? 'bound-passed' : 'wait';
}

/** Seconds with millisecond precision: the metric and the report read the same number. */
export const toSeconds = (ms: number): number => Math.round(ms) / 1000;

/** Polls that fail in a row before the canary gives up (one slow Describe is not a broken chain). */
export const MAX_POLL_FAILURES = 3;
