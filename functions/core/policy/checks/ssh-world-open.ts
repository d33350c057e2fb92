import type { RuleCheck } from './check.js';
import { describeWatched } from './exposure.js';

/** A watched port reachable from a world-sized public range. Always remediated. */
export const sshWorldOpen: RuleCheck = {
  scope: 'rule',
  id: 'ssh-world-open',
  title: 'SSH open to the internet',
  severity: 'high',
  verdict: 'world-open',
  label: 'world-open',
  guidance: {
    revoked: 'The rule was removed because it exposed SSH to the internet.',
    // Only an exemption leaves a world-open rule in place, and an exemption has its own guidance.
    review: 'SSH is reachable from the whole internet. Remove the rule.',
  },
  evaluate(_rule, exposure) {
    if (!exposure) return { status: 'not-applicable' };
    const { classification, ports } = exposure;
    if (classification.sourceClass !== 'world') return { status: 'compliant', reason: classification.detail };
    return {
      status: 'non-compliant',
      reason: `${describeWatched(ports)} open to ${classification.detail}`,
      remediate: true,
      classification,
    };
  },
};
