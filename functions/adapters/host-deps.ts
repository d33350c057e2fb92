import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Config } from '../config/config.js';
import type { CoveragePort, Deps, HostPort } from '../deps.js';
import { makeEc2Client, perRegion } from './clients.js';
import { findInstancesByGroups, listInstancesInScope } from './ec2-instances.js';
import { createJsonCaller } from './signed-json.js';
import { listAssessedInstances } from './ssm-coverage.js';
import { type SsmCaller, ssmCaller } from './ssm-json.js';
import { readPostures } from './ssm-posture.js';

type Sender<C extends { send: unknown }> = Pick<C, 'send'>;

/** The host join's reads over one region's clients (the guard function, host posture on). */
export function createHostPort(ec2: Sender<EC2Client>, ssm: SsmCaller): HostPort {
  return {
    findInstancesByGroups: (groupIds, limit) => findInstancesByGroups(ec2, groupIds, limit),
    readPostures: (instanceIds) => readPostures(ssm, instanceIds),
  };
}

/** The sweep's not-assessed reads over one region's clients (host posture on). */
export function createCoveragePort(ec2: Sender<EC2Client>, ssm: SsmCaller): CoveragePort {
  return {
    listInstancesInScope: (tag) => listInstancesInScope(ec2, tag),
    listAssessedInstances: () => listAssessedInstances(ssm),
  };
}

const ec2For = perRegion(makeEc2Client);

/**
 * One region's Systems Manager, signed with the credentials of that region's EC2 client (the
 * function's role, from the same provider), retried like the SDK's standard mode. AWS_ENDPOINT_URL
 * points it at a local endpoint as it does the SDK clients.
 */
export const ssmFor = perRegion((region: string) =>
  ssmCaller(
    createJsonCaller({
      credentials: () => ec2For(region).config.credentials(),
      ...(process.env.AWS_ENDPOINT_URL ? { endpointUrl: process.env.AWS_ENDPOINT_URL } : {}),
    }),
    region,
  ),
);

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
