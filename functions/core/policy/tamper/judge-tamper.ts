import { judgeBusPolicy, judgeKey, judgeRole, judgeTrail } from './judge-dependencies.js';
import { judgeFunction, judgeRule, judgeTopic } from './judge-guard-resources.js';
import { judgeStack } from './judge-stack.js';
import type { GuardIdentity, TamperEvent, TamperVerdict } from './tamper-event.js';

const BUS_POLICY_CALLS = new Set(['PutPermission', 'RemovePermission']);

/**
 * Judges a call the self-protection patterns matched: which part of the guard it touched, what was
 * done, and what the guard can no longer see because of it. The patterns have already narrowed the
 * calls to the guard's resources by name; what they cannot judge (which KMS key, whether selectors
 * still log management writes) is judged here.
 */
export function judgeTamper(event: TamperEvent, guard: GuardIdentity): TamperVerdict {
  switch (event.eventSource) {
    case 'cloudtrail.amazonaws.com':
      return judgeTrail(event, guard);
    case 'kms.amazonaws.com':
      return judgeKey(event, guard);
    case 'iam.amazonaws.com':
      return judgeRole(event);
    case 'cloudformation.amazonaws.com':
      return judgeStack(event);
    case 'lambda.amazonaws.com':
      return judgeFunction(event);
    case 'sns.amazonaws.com':
      return judgeTopic(event);
    case 'events.amazonaws.com':
      return BUS_POLICY_CALLS.has(event.eventName) ? judgeBusPolicy(event) : judgeRule(event);
    default:
      return { status: 'not-ours', reason: `${event.eventSource} is not watched` };
  }
}
