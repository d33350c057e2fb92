import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../../functions/core/model/rule.js';
import { findExposure } from '../../../../functions/core/policy/checks/exposure.js';
import { sshPublicSource } from '../../../../functions/core/policy/checks/ssh-public-source.js';
import type { PolicyConfig } from '../../../../functions/core/policy/policy-config.js';
import { cidr, contextOf, policyOf, ruleOf } from '../../../support/policy.js';

const PUBLIC_LIST = {
  id: 'pl-0c0ffee0c0ffee003',
  name: 'vendor',
  ownerId: '123456789012',
  entries: ['52.94.76.0/24'],
};

function judge(overrides: Partial<Rule>, policy: PolicyConfig = policyOf()) {
  const ctx = contextOf(policy, [PUBLIC_LIST]);
  const rule = ruleOf(overrides);
  return sshPublicSource.evaluate(rule, findExposure(rule, ctx), ctx);
}

describe('the untrusted public source SSH check', () => {
  it.each<[string, Partial<Rule>, Partial<PolicyConfig>, object]>([
    [
      'a public host, left for review',
      { source: cidr('52.94.76.10/32') },
      {},
      {
        status: 'non-compliant',
        remediate: false,
        reason: 'tcp/22 open to 52.94.76.10/32 (public, not trusted)',
      },
    ],
    [
      'a public host, removed when configured',
      { source: cidr('52.94.76.10/32') },
      { remediatePublicSources: true },
      { status: 'non-compliant', remediate: true },
    ],
    [
      'a public /9',
      { source: cidr('11.0.0.0/9') },
      {},
      { status: 'non-compliant', classification: { sourceClass: 'public' } },
    ],
    [
      'a prefix list with a public entry',
      { source: { kind: 'prefix-list', prefixListId: PUBLIC_LIST.id } },
      {},
      { status: 'non-compliant' },
    ],
    [
      'an unreadable prefix list, never removed',
      { source: { kind: 'prefix-list', prefixListId: 'pl-0000000000000dead' } },
      { remediatePublicSources: true },
      { status: 'non-compliant', remediate: false, classification: { sourceClass: 'unresolved' } },
    ],
    [
      'a trusted public range',
      { source: cidr('52.94.76.10/32') },
      { trusted: ['52.94.76.0/24'] } as never,
      { status: 'compliant' },
    ],
    ['a private range', { source: cidr('192.168.1.0/24') }, {}, { status: 'compliant' }],
    ['the world (its own check)', {}, {}, { status: 'compliant' }],
    [
      'tcp/443 from a public host',
      { source: cidr('52.94.76.10/32'), ports: { from: 443, to: 443 } },
      {},
      { status: 'not-applicable' },
    ],
    [
      'egress to a public host',
      { source: cidr('52.94.76.10/32'), direction: 'egress' },
      {},
      { status: 'not-applicable' },
    ],
  ])('%s', (_name, overrides, policy, expected) => {
    const { trusted, ...rest } = policy as Partial<PolicyConfig> & { trusted?: string[] };
    expect(judge(overrides, policyOf({ ...rest, ...(trusted ? { trusted } : {}) }))).toMatchObject(expected);
  });

  it('describes itself: a review finding of medium severity', () => {
    expect(sshPublicSource).toMatchObject({
      id: 'ssh-public-source',
      title: 'SSH open to an untrusted public source',
      severity: 'medium',
      verdict: 'review',
      label: 'review',
      scope: 'rule',
    });
    expect(sshPublicSource.guidance.review).toMatch(
      /^SSH is reachable from a public source that is not on the trusted list/,
    );
  });
});
