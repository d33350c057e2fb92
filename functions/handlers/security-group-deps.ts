import type { Logger } from '@aws-lambda-powertools/logger';
import { createAwsDeps } from '../adapters/aws-deps.js';
import { withHostPosture } from '../adapters/host-deps.js';
import { withCanaryMarked } from '../canary/mark-canary.js';
import type { Config } from '../config/config.js';
import type { Deps } from '../deps.js';

/**
 * The ports of a function that judges security groups, built once and reused by every invocation
 * (one client per region). Findings about the canary group are marked so nobody is paged for the
 * canary doing its job; with host posture on, the guard learns which instances use a group and their
 * SSH posture ('host') and the sweep which instances in scope are not assessed ('coverage').
 * `extra` adds ports only one function has (the guard's repeat counter).
 */
export function securityGroupDeps(
  config: Config,
  logger: Logger,
  posture: 'host' | 'coverage',
  extra: Partial<Deps> = {},
): Deps {
  const aws = withCanaryMarked(createAwsDeps(config, logger), process.env.CANARY_GROUP_ID);
  return withHostPosture(config, { ...aws, ...extra }, posture);
}
