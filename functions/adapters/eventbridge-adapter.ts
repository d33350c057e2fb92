import { batchEntries, type FindingEventEntry, toFindingEvent } from '../core/findings/finding-event.js';
import { type FindingOutput, findingsOf, OutputRejectedError, retryRejected } from './finding-outputs.js';
import type { JsonCaller } from './signed-json.js';

/** IAM actions this adapter calls; the stack grants them on the buses it publishes to. */
export const EVENTBRIDGE_ACTIONS = ['events:PutEvents'] as const;

/** Entry error codes a resend can fix (PutEvents reports them per entry, with HTTP 200). */
const RETRYABLE = new Set(['ThrottlingException', 'InternalFailure', 'InternalException']);

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

interface PutEventsOutput {
  readonly FailedEntryCount?: number;
  readonly Entries?: readonly { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[];
}

/**
 * Every finding as one custom event on `eventBusName` (a name in this account, or the hub bus's
 * ARN in the security account), with PutEvents calls of at most 10 entries and 256 KB, in `region`
 * (the bus's own).
 */
export function createEventBusOutput(
  call: JsonCaller,
  region: string,
  eventBusName: string,
  sleep: (ms: number) => Promise<void>,
  name = 'event bus',
): FindingOutput {
  const put = async (entries: readonly FindingEventEntry[]) => {
    const out = (await call({
      service: 'events',
      region,
      path: '/',
      target: 'AWSEvents.PutEvents',
      // EventBridge's JSON protocol takes Time in epoch seconds.
      body: { Entries: entries.map((e) => ({ ...e, Time: Date.parse(e.Time) / 1000 })) },
    })) as PutEventsOutput;
    if (!out.FailedEntryCount) return [];
    // Result entries are in request order; a failed one has an ErrorCode and no EventId.
    return (out.Entries ?? []).flatMap((result, i) =>
      result.ErrorCode
        ? [
            {
              item: entries[i] as FindingEventEntry,
              code: `${result.ErrorCode}: ${result.ErrorMessage ?? ''}`,
              retryable: RETRYABLE.has(result.ErrorCode),
            },
          ]
        : [],
    );
  };
  return {
    name,
    async deliver(message) {
      const entries = findingsOf(message).map((f) => toFindingEvent(f, eventBusName));
      for (const batch of batchEntries(entries, byteLength)) {
        const rejected = await retryRejected(batch, put, sleep);
        if (rejected.length > 0) {
          throw new OutputRejectedError(
            `PutEvents rejected ${rejected.length} finding event(s): ${[...new Set(rejected.map((r) => r.code))].join('; ')}`,
          );
        }
      }
    },
  };
}
