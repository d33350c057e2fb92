import { loadSweepSpread } from '../config/sweep-spread.js';
import { withMetrics } from '../metrics/handler-metrics.js';
import { createMetrics } from '../metrics/metrics.js';
import { securityGroupDeps } from './security-group-deps.js';
import { startContainer } from './start-container.js';
import { makeSweepHandler } from './sweep-handler.js';

const { logger, config } = startContainer();

// Every invocation emits its counts and duration as embedded-format metrics (functions/metrics/).
// The sweep runs in its account's own slot (sweep spread), so an organisation's sweeps never all
// start at once; a sweep touches every enabled region.
export const handler = withMetrics(
  makeSweepHandler(
    config,
    securityGroupDeps(config, logger, 'coverage'),
    logger,
    undefined,
    loadSweepSpread(process.env),
  ),
  createMetrics('sweep'),
);
