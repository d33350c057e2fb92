import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { batchEntries, type FindingEventEntry, toFindingEvent } from '../core/findings/finding-event.js';
import { type FindingOutput, findingsOf, OutputRejectedError, retryRejected } from './finding-outputs.js';

/** IAM actions this adapter calls; the stack grants them on the one bus it publishes to. */
export const EVENTBRIDGE_ACTIONS = ['events:PutEvents'] as const;

/** Entry error codes a resend can fix (PutEvents reports them per entry, with HTTP 200). */
const RETRYABLE = new Set(['ThrottlingException', 'InternalFailure', 'InternalException']);

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * Every finding as one custom event on `eventBusName` (a name in this account, or the hub bus's
 * ARN in the security account), in calls of at most 10 entries and 256 KB.
 */
export function createEventBusOutput(
  client: EventBridgeClient,
  eventBusName: string,
  sleep: (ms: number) => Promise<void>,
  name = 'event bus',
): FindingOutput {
  const put = async (entries: readonly FindingEventEntry[]) => {
    const out = await client.send(
      new PutEventsCommand({ Entries: entries.map((e) => ({ ...e, Time: new Date(e.Time) })) }),
    );
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
