import type { Finding, FindingMessage } from '../../functions/core/finding.js';
import type { PublishedMessage } from './fake-aws/index.js';
import { parsePublished } from './finding-schema.js';

/** The finding documents of published SNS messages, each checked against the finding JSON Schema. */
export function findingsIn(messages: readonly PublishedMessage[]): Finding[] {
  return messages.flatMap(
    (m) => (parsePublished(m.Message).default as unknown as FindingMessage).findings as Finding[],
  );
}

/** Published findings grouped by the event that caused them (CloudTrail eventID). */
export function findingsByEvent(messages: readonly PublishedMessage[]): Map<string, Finding[]> {
  const byEvent = new Map<string, Finding[]>();
  for (const finding of findingsIn(messages)) {
    const id = finding.trigger.eventId;
    byEvent.set(id, [...(byEvent.get(id) ?? []), finding]);
  }
  return byEvent;
}

/** The `MessageAttributes` of a published message as plain strings. */
export function attributesOf(message: PublishedMessage): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(message.MessageAttributes).map(([k, v]) => [k, v.StringValue]));
}
