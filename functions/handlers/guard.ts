import { Logger } from '@aws-lambda-powertools/logger';
import { createAwsDeps } from '../adapters/aws-deps.js';
import { withHostPosture } from '../adapters/host-deps.js';
import { openingLogDeps } from '../adapters/opening-log-adapter.js';
import { withCanaryMarked } from '../canary/mark-canary.js';
import { loadConfig } from '../config/config.js';
import { withMetrics } from '../metrics/handler-metrics.js';
import { createMetrics } from '../metrics/metrics.js';
import { makeGuardHandler } from './guard-handler.js';

// Cold start: configuration is validated once (a bad value stops here, naming the variable), and
// clients are built once and reused by every invocation of this container.
const logger = new Logger({ serviceName: 'ssh-ingress-guard' });
const config = loadConfig(process.env);

// Every invocation emits its counts and duration as embedded-format metrics (functions/metrics/);
// findings about the canary group are marked so nobody is paged for the canary doing its job, and
// findings that name a group say which instances use it and their SSH posture (when host posture is on).
export const handler = withMetrics(
  makeGuardHandler(
    config,
    withHostPosture(
      config,
      {
        ...withCanaryMarked(createAwsDeps(config, logger), process.env.CANARY_GROUP_ID),
        // Only the guard counts re-openings (they arrive as CloudTrail calls).
        ...openingLogDeps(config, process.env),
      },
      'host',
    ),
    logger,
  ),
  createMetrics('guard'),
);
