import type { RuleCheck } from './check.js';
import { describeWatched, findExposure } from './exposure.js';

/**
 * SPEC §4: a watched port reachable from a public range that is neither world-sized nor trusted,
 * or from a source that could not be resolved. A review finding; remediated only when configured.
 */
export const sshPublicSource: RuleCheck = {
  id: 'ssh-public-source',
  title: 'SSH open to an untrusted public source',
  evaluate(rule, ctx) {
    const exposure = findExposure(rule, ctx);
    if (!exposure) return { status: 'not-applicable' };
    const { classification, ports } = exposure;
    if (classification.sourceClass !== 'public' && classification.sourceClass !== 'unresolved') {
      return { status: 'compliant', reason: classification.detail };
    }
    return {
      status: 'non-compliant',
      severity: 'medium',
      reason: `${describeWatched(ports)} open to ${classification.detail}`,
      remediate: ctx.policy.remediatePublicSources && classification.sourceClass === 'public',
      classification,
    };
  },
};
