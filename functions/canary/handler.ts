import { Logger } from '@aws-lambda-powertools/logger';
import { createCanaryPort } from '../adapters/canary-ec2.js';
import { makeEc2Client } from '../adapters/clients.js';
import { withMetrics } from '../metrics/handler-metrics.js';
import { createMetrics } from '../metrics/metrics.js';
import { makeCanaryHandler } from './canary-handler.js';
import { readCanarySettings } from './canary-settings.js';

// Cold start: settings validated once (a bad value stops here, naming the variable).
const logger = new Logger({ serviceName: 'ssh-ingress-guard' });
const settings = readCanarySettings(process.env);
const metrics = createMetrics('canary');
const clock = {
  now: () => performance.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
const canary = createCanaryPort(makeEc2Client(process.env.AWS_REGION ?? 'us-east-1'));

export const handler = withMetrics(makeCanaryHandler(settings, { canary, clock, metrics }, logger), metrics);
