import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../../functions/core/model/rule.js';
import { ALL_PORTS } from '../../../../functions/core/model/rule.js';
import { findExposure } from '../../../../functions/core/policy/checks/exposure.js';
import { sshWorldOpen } from '../../../../functions/core/policy/checks/ssh-world-open.js';
import type { PolicyConfig } from '../../../../functions/core/policy/policy-config.js';
import { cidr, contextOf, policyOf, ruleOf } from '../../../support/policy.js';

const WORLD_LIST = {
  id: 'pl-0c0ffee0c0ffee002',
  name: 'partners',
  ownerId: '123456789012',
  entries: ['0.0.0.0/0'],
};

/** The check alone, with the exposure the evaluator would hand it. */
function judge(overrides: Partial<Rule>, policy: PolicyConfig = policyOf()) {
  const ctx = contextOf(policy, [WORLD_LIST]);
  const rule = ruleOf(overrides);
  return sshWorldOpen.evaluate(rule, findExposure(rule, ctx), ctx);
}

describe('the world-open SSH check', () => {
  it.each<[string, Partial<Rule>, string, string?]>([
    [
      'tcp/22 from 0.0.0.0/0',
      {},
      'non-compliant',
      'tcp/22 open to 0.0.0.0/0 (public, world-sized: /0 is at most /8)',
    ],
    [
      'tcp/22 from ::/0',
      { source: cidr('::/0') },
      'non-compliant',
      'tcp/22 open to ::/0 (public, world-sized: /0 is at most /32)',
    ],
    ['22 inside tcp 0-65535', { ports: ALL_PORTS }, 'non-compliant'],
    ['protocol all', { protocol: 'all', ports: ALL_PORTS }, 'non-compliant'],
    ['a public /8 at the default bound', { source: cidr('11.0.0.0/8') }, 'non-compliant'],
    [
      'a prefix list with a world entry',
      { source: { kind: 'prefix-list', prefixListId: WORLD_LIST.id } },
      'non-compliant',
    ],
    ['a public /9 (narrower than the bound)', { source: cidr('11.0.0.0/9') }, 'compliant'],
    ['a private range', { source: cidr('10.0.0.0/8') }, 'compliant'],
    [
      'a security group reference',
      { source: { kind: 'group', groupId: 'sg-0fedcba9876543210' } },
      'compliant',
    ],
    ['udp/22 from the world', { protocol: 'udp' }, 'not-applicable'],
    ['tcp/443 from the world', { ports: { from: 443, to: 443 } }, 'not-applicable'],
    ['egress tcp/22 to the world', { direction: 'egress' }, 'not-applicable'],
  ])('%s: %s', (_name, overrides, status, reason) => {
    expect(judge(overrides)).toMatchObject({ status, ...(reason ? { reason } : {}) });
  });

  it('always asks for removal, whatever the policy says about public sources', () => {
    expect(judge({}, policyOf({ remediatePublicSources: false }))).toMatchObject({ remediate: true });
  });

  it('describes itself: removed rules are world-open, high severity', () => {
    expect(sshWorldOpen).toMatchObject({
      id: 'ssh-world-open',
      title: 'SSH open to the internet',
      severity: 'high',
      verdict: 'world-open',
      label: 'world-open',
      scope: 'rule',
    });
    expect(sshWorldOpen.guidance.revoked).toBe(
      'The rule was removed because it exposed SSH to the internet.',
    );
  });
});
