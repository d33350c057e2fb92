import { EMRClient } from '@aws-sdk/client-emr';
import { createAwsDeps } from '../adapters/aws-deps.js';
import { CLIENT_OPTIONS, perRegion } from '../adapters/clients.js';
import { createEmrPort } from '../adapters/emr-adapter.js';
import type { EmrDeps } from '../emr-deps.js';
import { withMetrics } from '../metrics/handler-metrics.js';
import { createMetrics } from '../metrics/metrics.js';
import { makeEmrGuardHandler } from './emr-guard-handler.js';
import { startContainer } from './start-container.js';

// Cold start: configuration validated once, clients built once per region and reused. The EMR
// client lives only in this function's bundle, keeping the EC2 guard's bundle as it was.
const { logger, config } = startContainer();
const deps: EmrDeps = {
  ...createAwsDeps(config, logger),
  emrFor: perRegion((region) => createEmrPort(new EMRClient({ region, ...CLIENT_OPTIONS }))),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

// Every invocation emits its counts and duration as embedded-format metrics (functions/metrics/).
export const handler = withMetrics(makeEmrGuardHandler(config, deps, logger), createMetrics('emrGuard'));
