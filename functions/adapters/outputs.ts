import type { SNSClient } from '@aws-sdk/client-sns';
import type { OutputsConfig } from '../config/outputs.js';
import { makeSnsClient } from './clients.js';
import { createEventBusOutput } from './eventbridge-adapter.js';
import { createHubTopicOutput } from './fan-out-publisher.js';
import { type FindingOutput, sleepFor } from './finding-outputs.js';
import { createSecurityHubOutput } from './securityhub-adapter.js';
import { createJsonCaller } from './signed-json.js';

/**
 * The configured outputs, built once per cold start. The own bus and Security Hub are the home
 * region's (the region of the account's own topic): Security Hub's cross-region aggregation takes it
 * from there; the hub bus is called in its own region. Requests are signed with the credentials of
 * the function's SNS client, so every output acts as the function's role.
 */
export function createFindingOutputs(
  localTopicArn: string,
  localSns: SNSClient,
  outputs: OutputsConfig,
  endpointUrl?: string,
): FindingOutput[] {
  const [, partition = 'aws', , region = '', account = ''] = localTopicArn.split(':');
  const call = createJsonCaller({
    credentials: () => localSns.config.credentials(),
    ...(endpointUrl ? { endpointUrl } : {}),
  });
  return [
    ...(outputs.centralTopicArn
      ? [createHubTopicOutput(makeSnsClient(outputs.centralTopicArn), outputs.centralTopicArn)]
      : []),
    ...(outputs.eventBusName ? [createEventBusOutput(call, region, outputs.eventBusName, sleepFor)] : []),
    // PutEvents straight to the hub bus, in its region: a failure is retried with the event, like the
    // hub topic's, instead of waiting in a forwarding rule's queue in every account.
    ...(outputs.centralBusArn
      ? [
          createEventBusOutput(
            call,
            outputs.centralBusArn.split(':')[3] ?? region,
            outputs.centralBusArn,
            sleepFor,
            'hub bus',
          ),
        ]
      : []),
    ...(outputs.securityHub === 'import'
      ? [createSecurityHubOutput(call, { partition, region, account }, sleepFor)]
      : []),
  ];
}
