import type { RuleCheck } from './check.js';
import { describeWatched, findExposure } from './exposure.js';

/** SPEC §4: a watched port reachable from a world-sized public range. Always remediated. */
export const sshWorldOpen: RuleCheck = {
  id: 'ssh-world-open',
  title: 'SSH open to the internet',
  evaluate(rule, ctx) {
    const exposure = findExposure(rule, ctx);
    if (!exposure) return { status: 'not-applicable' };
    const { classification, ports } = exposure;
    if (classification.sourceClass !== 'world') return { status: 'compliant', reason: classification.detail };
    return {
      status: 'non-compliant',
      severity: 'high',
      reason: `${describeWatched(ports)} open to ${classification.detail}`,
      remediate: true,
      classification,
    };
  },
};
