import { Logger } from '@aws-lambda-powertools/logger';
import { type Config, loadConfig } from '../config/config.js';

/**
 * Cold start, once per container: one logger, and the configuration validated once, so a bad value
 * stops the function here, naming the variable, before any event is handled.
 */
export function startContainer(): { readonly logger: Logger; readonly config: Config } {
  return { logger: new Logger({ serviceName: 'ssh-ingress-guard' }), config: loadConfig(process.env) };
}
