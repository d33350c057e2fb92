import { describe, expect, it } from 'vitest';
import { loadOutputsConfig } from '../../functions/config/outputs.js';

describe('finding outputs configuration', () => {
  it('is empty when no variable is set: the stack publishes only to its own topic', () => {
    expect(loadOutputsConfig({})).toEqual({ securityHub: 'off' });
  });

  it('reads the hub topic, the bus and the Security Hub switch', () => {
    expect(
      loadOutputsConfig({
        CENTRAL_TOPIC_ARN: 'arn:aws:sns:eu-west-1:999999999999:hub',
        FINDINGS_EVENT_BUS: 'default',
        SECURITY_HUB_IMPORT: 'true',
      }),
    ).toEqual({
      centralTopicArn: 'arn:aws:sns:eu-west-1:999999999999:hub',
      eventBusName: 'default',
      securityHub: 'import',
    });
  });

  it.each([
    [
      'CENTRAL_TOPIC_ARN',
      'arn:aws:sqs:eu-west-1:999999999999:q',
      /CENTRAL_TOPIC_ARN: expected an SNS topic ARN/,
    ],
    ['FINDINGS_EVENT_BUS', 'no spaces allowed', /FINDINGS_EVENT_BUS: expected an event bus name/],
    ['CENTRAL_BUS_ARN', 'hub', /CENTRAL_BUS_ARN: expected an EventBridge event bus ARN/],
    ['SECURITY_HUB_IMPORT', 'yes', /SECURITY_HUB_IMPORT: expected true or false/],
  ])('%s=%s stops the function naming the variable', (name, value, message) => {
    expect(() => loadOutputsConfig({ [name]: value })).toThrow(message);
  });
});
