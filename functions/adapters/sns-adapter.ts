import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { PublishPort } from '../deps.js';

export const SNS_ACTIONS = ['sns:Publish'] as const;

export function createSnsPublisher(client: SNSClient, topicArn: string): PublishPort {
  return {
    async publish(message) {
      await client.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: message.subject,
          Message: message.message,
          MessageStructure: 'json',
          MessageAttributes: Object.fromEntries(
            Object.entries(message.attributes).map(([name, value]) => [
              name,
              { DataType: 'String', StringValue: value },
            ]),
          ),
        }),
      );
    },
  };
}
