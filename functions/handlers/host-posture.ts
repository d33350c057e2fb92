import { makeSnsClient } from '../adapters/clients.js';
import { ssmFor } from '../adapters/host-deps.js';
import { createSnsPublisher } from '../adapters/sns-adapter.js';
import { readPostures } from '../adapters/ssm-posture.js';
import { makeHostPostureHandler } from './host-posture-handler.js';
import { startContainer } from './start-container.js';

// Cold start: configuration validated once; one SSM client per region (compliance changes arrive
// from every region, forwarded to this one), one SNS client in the topic's region.
const { logger, config } = startContainer();

export const handler = makeHostPostureHandler(
  config,
  {
    postureFor: (region) => ({ readPostures: (ids) => readPostures(ssmFor(region), ids) }),
    publisher: createSnsPublisher(makeSnsClient(config.topicArn), config.topicArn),
    now: () => new Date(),
  },
  logger,
);
