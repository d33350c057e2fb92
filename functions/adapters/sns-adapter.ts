import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { PublishPort } from '../deps.js';

/** IAM actions this adapter calls; a test holds serverless.yml's role to exactly the declared set. */
export const SNS_ACTIONS = ['sns:Publish'] as const;
/** The topic is KMS-encrypted: SNS uses the key with the publisher's own permissions. */
export const SNS_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

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
