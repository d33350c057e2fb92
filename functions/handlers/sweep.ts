import { Logger } from '@aws-lambda-powertools/logger';
import { createAwsDeps } from '../adapters/aws-deps.js';
import { loadConfig } from '../config/config.js';
import { loadSweepSpread } from '../config/sweep-spread.js';
import { makeSweepHandler } from './sweep-handler.js';

// Cold start, as for the guard: configuration validated once, one client per region reused by
// every invocation (a sweep touches every enabled region).
const logger = new Logger({ serviceName: 'ssh-ingress-guard' });
const config = loadConfig(process.env);

export const handler = makeSweepHandler(
  config,
  createAwsDeps(config, logger),
  logger,
  undefined,
  loadSweepSpread(process.env),
);
