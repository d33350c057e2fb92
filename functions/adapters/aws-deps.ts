import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Config } from '../config/config.js';
import type { CallMeter, Deps, Ec2Port } from '../deps.js';
import type { Log } from '../log.js';
import { createEicListCache } from '../pipeline/eic-list-cache.js';
import { makeEc2Client, makeSnsClient, perRegion } from './clients.js';
import { countCalls } from './count-calls.js';
import { createEc2Port } from './ec2-adapter.js';
import { createSnsPublisher } from './sns-adapter.js';

/**
 * One EC2 port per region over a counted client, and the meter that reads the counts: the sweep
 * reports calls per region without the ports knowing they are counted.
 */
export function meteredEc2For(
  makeClient: (region: string) => EC2Client,
  log: Log,
): { ec2For: (region: string) => Ec2Port; callsIn: CallMeter } {
  const counted = perRegion((region) => countCalls(makeClient(region)));
  const ports = perRegion((region) => createEc2Port(counted(region).client, log));
  return { ec2For: ports, callsIn: (region) => counted(region).count() };
}

/**
 * The production ports every function shares, built once per cold start: one EC2 client per region
 * (events and sweeps touch every region), one SNS client in the topic's region, the real clock, and
 * the EC2 Instance Connect lists remembered for the life of the container.
 */
export function createAwsDeps(config: Config, log: Log): Deps {
  return {
    ...meteredEc2For(makeEc2Client, log),
    publisher: createSnsPublisher(makeSnsClient(config.topicArn), config.topicArn),
    now: () => new Date(),
    eicLists: createEicListCache(),
  };
}
