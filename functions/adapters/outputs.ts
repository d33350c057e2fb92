import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { OutputsConfig } from '../config/outputs.js';
import { CLIENT_OPTIONS, makeSnsClient } from './clients.js';
import { createEventBusOutput } from './eventbridge-adapter.js';
import { createHubTopicOutput } from './fan-out-publisher.js';
import type { FindingOutput } from './finding-outputs.js';
import { sleepFor } from './finding-outputs.js';
import { createSecurityHubOutput } from './securityhub-adapter.js';

/**
 * The configured outputs, clients built once per cold start. The bus and Security Hub are the home
 * region's, the region of the account's own topic: Security Hub's cross-region aggregation and the
 * hub bus take it from there.
 */
export function createFindingOutputs(localTopicArn: string, outputs: OutputsConfig): FindingOutput[] {
  const [, partition = 'aws', , region = '', account = ''] = localTopicArn.split(':');
  const inHome = region ? { region } : {};
  return [
    ...(outputs.centralTopicArn
      ? [createHubTopicOutput(makeSnsClient(outputs.centralTopicArn), outputs.centralTopicArn)]
      : []),
    ...(outputs.eventBusName
      ? [
          createEventBusOutput(
            new EventBridgeClient({ ...inHome, ...CLIENT_OPTIONS }),
            outputs.eventBusName,
            sleepFor,
          ),
        ]
      : []),
    // PutEvents straight to the hub bus (in its own region): a failure is retried with the event,
    // like the hub topic's, instead of waiting in a forwarding rule's queue in every account.
    ...(outputs.centralBusArn
      ? [
          createEventBusOutput(
            new EventBridgeClient({ region: outputs.centralBusArn.split(':')[3], ...CLIENT_OPTIONS }),
            outputs.centralBusArn,
            sleepFor,
            'hub bus',
          ),
        ]
      : []),
    ...(outputs.securityHub === 'import'
      ? [
          createSecurityHubOutput(
            new SecurityHubClient({ ...inHome, ...CLIENT_OPTIONS }),
            { partition, region, account },
            sleepFor,
          ),
        ]
      : []),
  ];
}
