import { EC2Client } from '@aws-sdk/client-ec2';
import { EMRClient } from '@aws-sdk/client-emr';
import { SNSClient } from '@aws-sdk/client-sns';
import { meteredEc2For } from '../../functions/adapters/aws-deps.js';
import { perRegion } from '../../functions/adapters/clients.js';
import { createEmrPort } from '../../functions/adapters/emr-adapter.js';
import { createSnsPublisher } from '../../functions/adapters/sns-adapter.js';
import { type Config, loadConfig } from '../../functions/config/config.js';
import type { EmrDeps } from '../../functions/emr-deps.js';
import { silentLog } from '../../functions/log.js';

export const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';

/** The handlers' configuration as deployed, with the topic and these variables. */
export const configWith = (env: Record<string, string> = {}): Config =>
  loadConfig({ TOPIC_ARN: TOPIC, ...env });

/**
 * The real SDK adapters over real SDK clients, for handler tests that mock only the transport
 * (aws-sdk-client-mock intercepts every client of a class). Ports are built once per region, as the
 * deployed functions build them; each time a handler asks for a region's port is recorded
 * (`ec2 eu-west-1`), and so is every wait the EMR guard asks for instead of sleeping.
 */
export function sdkHandlerDeps(now = new Date('2026-11-21T10:00:00Z')) {
  const regions: string[] = [];
  const waits: number[] = [];
  const { ec2For: ec2, callsIn } = meteredEc2For((region) => new EC2Client({ region }), silentLog);
  const emr = perRegion((region) => createEmrPort(new EMRClient({ region })));
  const deps: EmrDeps = {
    ec2For: (region) => {
      regions.push(`ec2 ${region}`);
      return ec2(region);
    },
    emrFor: (region) => {
      regions.push(`emr ${region}`);
      return emr(region);
    },
    publisher: createSnsPublisher(new SNSClient({ region: 'eu-west-1' }), TOPIC),
    now: () => now,
    callsIn,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  return { deps, regions, waits };
}
