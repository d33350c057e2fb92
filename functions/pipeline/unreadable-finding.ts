import { buildEventFinding } from '../core/findings/build-event-finding.js';
import type { Finding } from '../core/findings/finding.js';
import { unparsedEvent } from '../core/findings/finding-kinds.js';
import type { Trigger } from '../core/model/trigger.js';

/**
 * The unparsed finding of an event read in part: what could not be read, and that it was left as it
 * is while every rule that could be read was judged (and remediated) on its own, in this same event.
 */
export function buildUnreadableFinding(
  trigger: Trigger,
  unreadable: readonly string[],
  mode: string,
  now: Date,
): Finding {
  const reason = unreadable.join('; ');
  return buildEventFinding({
    kind: unparsedEvent,
    summary: `${trigger.eventName} event ${trigger.eventId}: ${unreadable.length} item(s) could not be parsed: ${reason}. The rules that could be read were judged on their own; these items were not changed.`,
    guidance: unparsedEvent.guidance(undefined),
    trigger,
    mode,
    now,
    error: { code: 'UnparsedEvent', message: reason },
    subject: 'unparsed-items',
  });
}
