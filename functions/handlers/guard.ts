import { openingLogDeps } from '../adapters/opening-log-adapter.js';
import { withMetrics } from '../metrics/handler-metrics.js';
import { createMetrics } from '../metrics/metrics.js';
import { makeGuardHandler } from './guard-handler.js';
import { securityGroupDeps } from './security-group-deps.js';
import { startContainer } from './start-container.js';

const { logger, config } = startContainer();

// Every invocation emits its counts and duration as embedded-format metrics (functions/metrics/).
// Only the guard counts re-openings: they arrive as CloudTrail calls.
export const handler = withMetrics(
  makeGuardHandler(
    config,
    securityGroupDeps(config, logger, 'host', openingLogDeps(config, process.env)),
    logger,
  ),
  createMetrics('guard'),
);
