import type { Config } from '../config/config.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { makeEc2Client, makeSnsClient, perRegion } from './clients.js';
import { dynamoTargetFromEnv } from './dynamodb-json.js';
import { createEc2Port } from './ec2-adapter.js';
import { createOpeningLog } from './opening-log-adapter.js';
import { createSnsPublisher } from './sns-adapter.js';

/**
 * The production ports every function shares, built once per cold start: one EC2 client per region
 * (events and sweeps touch every region), one SNS client in the topic's region, the real clock.
 */
export function createAwsDeps(config: Config, log: Log): Deps {
  return {
    ec2For: perRegion((region) => createEc2Port(makeEc2Client(region), log)),
    publisher: createSnsPublisher(makeSnsClient(config.topicArn), config.topicArn),
    now: () => new Date(),
    ...(config.repeat.tableName
      ? { openings: createOpeningLog(dynamoTargetFromEnv(process.env), config.repeat.tableName) }
      : {}),
  };
}
