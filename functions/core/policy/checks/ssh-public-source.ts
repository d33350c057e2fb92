import type { RuleCheck } from './check.js';
import { describeWatched } from './exposure.js';

/**
 * A watched port reachable from a public range that is neither world-sized nor trusted, or from a
 * source that could not be resolved. A review finding; remediated only when configured.
 */
export const sshPublicSource: RuleCheck = {
  scope: 'rule',
  id: 'ssh-public-source',
  title: 'SSH open to an untrusted public source',
  severity: 'medium',
  verdict: 'review',
  label: 'review',
  guidance: {
    revoked: 'The rule was removed because it exposed SSH to the internet.',
    review:
      'SSH is reachable from a public source that is not on the trusted list. If the source is yours, ask the security team to add it to the trusted CIDRs; otherwise remove the rule.',
  },
  evaluate(_rule, exposure, ctx) {
    if (!exposure) return { status: 'not-applicable' };
    const { classification, ports } = exposure;
    if (classification.sourceClass !== 'public' && classification.sourceClass !== 'unresolved') {
      return { status: 'compliant', reason: classification.detail };
    }
    return {
      status: 'non-compliant',
      reason: `${describeWatched(ports)} open to ${classification.detail}`,
      remediate: ctx.policy.remediatePublicSources && classification.sourceClass === 'public',
      classification,
    };
  },
};
