import { buildEventFinding } from '../core/findings/build-event-finding.js';
import type { Finding } from '../core/findings/finding.js';
import { eventOtherAccount } from '../core/findings/finding-kinds.js';
import type { Trigger } from '../core/model/trigger.js';

/**
 * An event about another account than the one this function runs in (a bus that gathers several
 * accounts' CloudTrail, a replay of another account's trail). The function's credentials reach only
 * its own account: acting would read and revoke by ids that mean nothing here, or say "compliant"
 * about rules it never saw. Nothing is done, and the finding says so and where to deploy instead.
 */
export function buildOtherAccountFinding(
  trigger: Trigger,
  ownAccount: string,
  mode: string,
  now: Date,
): Finding {
  const named = trigger.account || 'no account';
  return buildEventFinding({
    kind: eventOtherAccount,
    summary: `${trigger.eventName} event ${trigger.eventId} is about ${named}, but this guard runs in ${ownAccount}: nothing was read or changed.`,
    guidance: eventOtherAccount.guidance({ account: trigger.account }),
    trigger,
    mode,
    now,
    error: { code: 'OtherAccount', message: `event account ${named}, function account ${ownAccount}` },
  });
}
