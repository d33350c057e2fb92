import { Logger } from '@aws-lambda-powertools/logger';
import { makeSnsClient } from '../adapters/clients.js';
import { createSnsPublisher } from '../adapters/sns-adapter.js';
import { withMetrics } from '../metrics/handler-metrics.js';
import { createMetrics } from '../metrics/metrics.js';
import { makeTamperHandler } from './tamper-handler.js';

/** A missing setting stops the cold start, naming the variable. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (the deployed stack sets it)`);
  return value;
}

const logger = new Logger({ serviceName: 'ssh-ingress-guard' });
const topicArn = required('TOPIC_ARN');
const metrics = createMetrics('tamper');
const guard = Object.freeze({
  keyArn: required('FINDINGS_KEY_ARN'),
  sweepSchedule: required('SWEEP_SCHEDULE'),
});
const publisher = createSnsPublisher(makeSnsClient(topicArn), topicArn);

export const handler = withMetrics(makeTamperHandler(guard, { publisher, metrics }, logger), metrics);
