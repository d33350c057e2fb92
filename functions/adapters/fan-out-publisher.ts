import type { SNSClient } from '@aws-sdk/client-sns';
import { addChatPart } from '../core/findings/chat-message.js';
import type { PublishPort } from '../deps.js';
import { type FindingOutput, findingsOf } from './finding-outputs.js';
import { createSnsPublisher } from './sns-adapter.js';

/**
 * The publish port with every configured output behind it. The account's own topic comes first and
 * alone decides whether anything else is tried: its failure throws as it always did. Then every
 * other output is tried, each whatever the others did; any failure throws after all were tried, so
 * Lambda retries the event and, past its retries, keeps it in the failure queue. A retry publishes to
 * the local topic again: subscribers recognise the repeat by its stable `findingId`, and Security Hub
 * and the bus's consumers update by the same id rather than duplicate.
 */
export function createFanOutPublisher(local: PublishPort, outputs: readonly FindingOutput[]): PublishPort {
  if (outputs.length === 0) return local;
  return {
    async publish(message) {
      await local.publish(message);
      const results = await Promise.allSettled(outputs.map((output) => output.deliver(message)));
      const failed = outputs.flatMap((output, i) => {
        const result = results[i] as PromiseSettledResult<void>;
        return result.status === 'rejected' ? [{ output: output.name, cause: result.reason as unknown }] : [];
      });
      if (failed.length > 0) {
        throw new Error(`published locally, but not to: ${failed.map((f) => f.output).join(', ')}`, {
          cause: failed.length === 1 ? failed[0]?.cause : new AggregateError(failed.map((f) => f.cause)),
        });
      }
    },
  };
}

/**
 * The organisation's hub topic: the same message, plus the chat card for Chatbot subscribers. A
 * message of severity info only (a clean sweep's summary, every account every few hours) gets no
 * card: Chatbot passes over messages without one, so the channel shows what someone must read.
 */
export function createHubTopicOutput(client: SNSClient, topicArn: string): FindingOutput {
  const publisher = createSnsPublisher(client, topicArn);
  return {
    name: 'hub topic',
    deliver: (message) =>
      publisher.publish(
        message.attributes.severity === 'info' ? message : addChatPart(message, findingsOf(message)),
      ),
  };
}
