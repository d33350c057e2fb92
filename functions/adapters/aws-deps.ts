import type { Config } from '../config/config.js';
import { loadOutputsConfig, type OutputsConfig } from '../config/outputs.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { makeEc2Client, makeSnsClient, perRegion } from './clients.js';
import { createEc2Port } from './ec2-adapter.js';
import { createFanOutPublisher } from './fan-out-publisher.js';
import { createFindingOutputs } from './outputs.js';
import { createSnsPublisher } from './sns-adapter.js';

/**
 * The production ports every function shares, built once per cold start: one EC2 client per region
 * (events and sweeps touch every region), one SNS client in the topic's region, the real clock.
 */
export function createAwsDeps(
  config: Config,
  log: Log,
  // Optional outputs (hub topic, event bus, Security Hub), validated at the same cold start.
  outputs: OutputsConfig = loadOutputsConfig(process.env),
): Deps {
  const sns = makeSnsClient(config.topicArn);
  return {
    ec2For: perRegion((region) => createEc2Port(makeEc2Client(region), log)),
    publisher: createFanOutPublisher(
      createSnsPublisher(sns, config.topicArn),
      createFindingOutputs(config.topicArn, sns, outputs, process.env.AWS_ENDPOINT_URL),
    ),
    now: () => new Date(),
  };
}
