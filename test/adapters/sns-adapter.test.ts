import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSnsPublisher } from '../../functions/adapters/sns-adapter.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ssh-ingress-guard';
const snsMock = mockClient(SNSClient);
const publisher = () => createSnsPublisher(new SNSClient({ region: 'eu-west-1' }), TOPIC);
const message = {
  subject: '[ssh-ingress-guard] CRITICAL revoked tcp/22 from 0.0.0.0/0',
  message: JSON.stringify({ default: '{}', email: 'text' }),
  attributes: {
    severity: 'CRITICAL',
    action: 'revoked',
    region: 'eu-west-1',
    account: '123456789012',
    trigger: 'AuthorizeSecurityGroupIngress',
  },
  findingIds: ['f-1'],
};

describe('the SNS publisher', () => {
  beforeEach(() => snsMock.reset());

  it('publishes one message to the topic, per-protocol JSON, attributes as strings', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await publisher().publish(message);
    expect(snsMock.commandCalls(PublishCommand).map((c) => c.args[0].input)).toEqual([
      {
        TopicArn: TOPIC,
        Subject: message.subject,
        Message: message.message,
        MessageStructure: 'json',
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: 'CRITICAL' },
          action: { DataType: 'String', StringValue: 'revoked' },
          region: { DataType: 'String', StringValue: 'eu-west-1' },
          account: { DataType: 'String', StringValue: '123456789012' },
          trigger: { DataType: 'String', StringValue: 'AuthorizeSecurityGroupIngress' },
        },
      },
    ]);
  });

  it('lets a failed publish throw, so the pipeline can retry the event', async () => {
    snsMock
      .on(PublishCommand)
      .rejects(Object.assign(new Error('key disabled'), { name: 'KMSDisabledException' }));
    await expect(publisher().publish(message)).rejects.toMatchObject({ name: 'KMSDisabledException' });
  });
});
