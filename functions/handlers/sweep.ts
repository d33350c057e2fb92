import { Logger } from '@aws-lambda-powertools/logger';
import { createAwsDeps } from '../adapters/aws-deps.js';
import { withHostPosture } from '../adapters/host-deps.js';
import { loadConfig } from '../config/config.js';
import { makeSweepHandler } from './sweep-handler.js';

// Cold start, as for the guard: configuration validated once, one client per region reused by
// every invocation (a sweep touches every enabled region).
const logger = new Logger({ serviceName: 'ssh-ingress-guard' });
const config = loadConfig(process.env);

export const handler = makeSweepHandler(
  config,
  withHostPosture(config, createAwsDeps(config, logger), 'coverage'),
  logger,
);
