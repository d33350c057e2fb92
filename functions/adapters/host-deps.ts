import type { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { Config } from '../config/config.js';
import type { CoveragePort, Deps, HostPort } from '../deps.js';
import { CLIENT_OPTIONS, makeEc2Client, perRegion } from './clients.js';
import { findInstancesByGroups, listInstancesInScope } from './ec2-instances.js';
import { listAssessedInstances } from './ssm-coverage.js';
import { readPostures } from './ssm-posture.js';

type Sender<C extends { send: unknown }> = Pick<C, 'send'>;

export const makeSsmClient = (region: string) => new SSMClient({ region, ...CLIENT_OPTIONS });

/** The host join's reads over one region's clients (the guard function, host posture on). */
export function createHostPort(ec2: Sender<EC2Client>, ssm: Sender<SSMClient>): HostPort {
  return {
    findInstancesByGroups: (groupIds, limit) => findInstancesByGroups(ec2, groupIds, limit),
    readPostures: (instanceIds) => readPostures(ssm, instanceIds),
  };
}

/** The sweep's not-assessed reads over one region's clients (host posture on). */
export function createCoveragePort(ec2: Sender<EC2Client>, ssm: Sender<SSMClient>): CoveragePort {
  return {
    listInstancesInScope: (tag) => listInstancesInScope(ec2, tag),
    listAssessedInstances: () => listAssessedInstances(ssm),
  };
}

export const ssmFor = perRegion(makeSsmClient);

const ec2For = perRegion(makeEc2Client);

/** Adds the host posture ports to a function's deps when host posture is on; otherwise unchanged. */
export function withHostPosture(
  config: Pick<Config, 'hostPosture'>,
  deps: Deps,
  ports: 'host' | 'coverage',
): Deps {
  if (!config.hostPosture?.enabled) return deps;
  return ports === 'host'
    ? { ...deps, hostFor: (region) => createHostPort(ec2For(region), ssmFor(region)) }
    : { ...deps, coverageFor: (region) => createCoveragePort(ec2For(region), ssmFor(region)) };
}
