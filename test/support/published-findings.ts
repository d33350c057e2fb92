import type { Finding, FindingMessage } from '../../functions/core/findings/finding.js';
import type { PublishedMessage } from './fake-aws/index.js';
import { parsePublished } from './finding-schema.js';

/** The findings of one SNS `Message` body, checked against the finding JSON Schema. */
export function findingsOfBody(body: string): Finding[] {
  return [...(parsePublished(body).default as unknown as FindingMessage).findings];
}

/** The findings of published SNS messages, in publish order. */
export function findingsIn(messages: readonly PublishedMessage[]): Finding[] {
  return messages.flatMap((m) => findingsOfBody(m.Message));
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
