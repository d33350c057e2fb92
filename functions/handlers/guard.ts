import { Logger } from '@aws-lambda-powertools/logger';
import { createAwsDeps } from '../adapters/aws-deps.js';
import { openingLogDeps } from '../adapters/opening-log-adapter.js';
import { loadConfig } from '../config/config.js';
import { makeGuardHandler } from './guard-handler.js';

// Cold start: configuration is validated once (a bad value stops here, naming the variable), and
// clients are built once and reused by every invocation of this container.
const logger = new Logger({ serviceName: 'ssh-ingress-guard' });
const config = loadConfig(process.env);

export const handler = makeGuardHandler(
  config,
  { ...createAwsDeps(config, logger), ...openingLogDeps(config, process.env) },
  logger,
);
