import { Logger } from '@aws-lambda-powertools/logger';
import { createAwsDeps } from '../adapters/aws-deps.js';
import { withCanaryMarked } from '../canary/mark-canary.js';
import { loadConfig } from '../config/config.js';
import { withMetrics } from '../metrics/handler-metrics.js';
import { createMetrics } from '../metrics/metrics.js';
import { makeSweepHandler } from './sweep-handler.js';

// Cold start, as for the guard: configuration validated once, one client per region reused by
// every invocation (a sweep touches every enabled region).
const logger = new Logger({ serviceName: 'ssh-ingress-guard' });
const config = loadConfig(process.env);

// Every invocation emits its counts and duration as embedded-format metrics (functions/metrics/);
// findings about the canary group are marked so nobody is paged for the canary doing its job.
export const handler = withMetrics(
  makeSweepHandler(
    config,
    withCanaryMarked(createAwsDeps(config, logger), process.env.CANARY_GROUP_ID),
    logger,
  ),
  createMetrics('sweep'),
);
