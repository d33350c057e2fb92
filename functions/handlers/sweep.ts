import { Logger } from '@aws-lambda-powertools/logger';
import { makeEc2Client, makeSnsClient, perRegion } from '../adapters/clients.js';
import { createEc2Port } from '../adapters/ec2-adapter.js';
import { createSnsPublisher } from '../adapters/sns-adapter.js';
import { loadConfig } from '../config/config.js';
import type { Deps } from '../deps.js';
import { makeSweepHandler } from './sweep-handler.js';

// Cold start, as for the guard: configuration validated once, one client per region reused by
// every invocation (a sweep touches every enabled region).
const logger = new Logger({ serviceName: 'ssh-ingress-guard' });
const config = loadConfig(process.env);
const deps: Deps = {
  ec2For: perRegion((region) => createEc2Port(makeEc2Client(region), logger)),
  publisher: createSnsPublisher(makeSnsClient(config.topicArn), config.topicArn),
  now: () => new Date(),
};

export const handler = makeSweepHandler(config, deps, logger);
