import { describe, expect, it } from 'vitest';
import { buildRuleFinding } from '../../../functions/core/findings/build-finding.js';
import { expiryInstant, findExemption } from '../../../functions/core/policy/exemptions.js';
import type { Exemption } from '../../../functions/core/policy/policy-config.js';
import type { RuleOutcome } from '../../../functions/core/remediation/outcome.js';
import { assertValidFindingMessage } from '../../support/finding-schema.js';
import { cidr, contextOf, flaggedRule, NOW, policyOf, ruleOf, TEST_TRIGGER } from '../../support/policy.js';

const GROUP = 'sg-0a1b2c3d4e5f60001';
const KEY = 'ssh-ingress-guard:exempt';
const bastion: Exemption = {
  groupId: GROUP,
  reason: 'vendor bastion, ticket SEC-142',
  expires: '2026-12-31',
  approvedBy: 'alice@security',
};
const trigger = TEST_TRIGGER;

describe('exemption expiry: strict ISO dates (a typo must not become a different day)', () => {
  it.each<[string, string | undefined]>([
    ['2026-12-31', '2026-12-31T23:59:59.999Z'],
    ['2026-12-31T18:00:00Z', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31T18:00Z', '2026-12-31T18:00:00.000Z'],
    ['2026-12-31T18:00:00+02:00', '2026-12-31T16:00:00.000Z'],
    ['2028-02-29', '2028-02-29T23:59:59.999Z'],
    ['2026-02-30', undefined],
    ['2026-13-01', undefined],
    ['2026-12-31T18:00', undefined],
    ['2026-12-31 18:00:00Z', undefined],
    ['December 31, 2026', undefined],
    ['31/12/2026', undefined],
  ])('%s -> %s', (text, instant) => {
    const parsed = expiryInstant(text);
    expect(parsed === undefined ? undefined : new Date(parsed).toISOString()).toBe(instant);
  });
});

describe('tag exemptions: only when switched on, only for rules that would be remediated', () => {
  const tags = new Map([[GROUP, { [KEY]: 'load test until Friday', team: 'web' }]]);
  const base = { exemptions: [] as Exemption[], honorExemptTag: true, exemptTagKey: KEY };

  it.each<[string, object, Map<string, Record<string, string>>, boolean, unknown]>([
    ['off by default: the tag is ignored', { honorExemptTag: false }, tags, true, undefined],
    [
      'on: a non-empty tag value exempts',
      {},
      tags,
      true,
      { status: 'active', origin: 'tag', reason: `tag ${KEY}=load test until Friday` },
    ],
    ['on, but the value is blank', {}, new Map([[GROUP, { [KEY]: '  ' }]]), true, undefined],
    ['on, but another key', {}, new Map([[GROUP, { exempt: 'yes' }]]), true, undefined],
    ['on, but the rule would not be remediated (review)', {}, tags, false, undefined],
    [
      'a configured exemption wins over the tag',
      { exemptions: [bastion] },
      tags,
      true,
      { origin: 'configuration', reason: bastion.reason },
    ],
    [
      'an expired configured exemption gives way to the tag',
      { exemptions: [{ ...bastion, expires: '2026-01-01' }] },
      tags,
      true,
      { origin: 'tag' },
    ],
  ])('%s', (_name, policy, groupTags, wouldRemediate, expected) => {
    const match = findExemption(ruleOf(), { ...base, ...policy }, NOW, wouldRemediate, groupTags);
    if (expected === undefined) expect(match).toBeUndefined();
    else expect(match).toMatchObject(expected as object);
  });
});

function findingOf(exemptions: Exemption[], action: RuleOutcome['action'], overrides = {}) {
  const evaluation = flaggedRule(ruleOf(overrides), contextOf(policyOf({ exemptions })));
  const finding = buildRuleFinding({ evaluation, action }, { trigger, mode: 'revoke', now: NOW });
  assertValidFindingMessage({
    schemaVersion: '1.0',
    product: 'ssh-ingress-guard',
    part: { index: 1, count: 1 },
    findings: [finding],
  });
  return finding;
}

describe('exempted rules still produce a finding', () => {
  it('says exempted, with reason, approver and expiry, at low severity', () => {
    const finding = findingOf([bastion], 'exempted');
    expect(finding.severity).toBe('low');
    expect(finding.action).toEqual({
      type: 'exempted',
      mode: 'revoke',
      exemption: {
        status: 'active',
        origin: 'configuration',
        reason: bastion.reason,
        expires: '2026-12-31',
        approvedBy: 'alice@security',
      },
    });
    expect(finding.guidance).toContain(
      'Left open by an exemption approved by alice@security until 2026-12-31: "vendor bastion, ticket SEC-142"',
    );
  });

  it('names the CIDR a CIDR exemption is limited to', () => {
    const finding = findingOf([{ ...bastion, cidr: '0.0.0.0/0' }], 'exempted');
    expect(finding.action.exemption).toMatchObject({ cidr: '0.0.0.0/0' });
  });

  it('ignores an expired exemption and says it expired', () => {
    const finding = findingOf([{ ...bastion, expires: '2026-11-20' }], 'revoked');
    expect(finding.action).toMatchObject({
      type: 'revoked',
      exemption: { status: 'expired', expires: '2026-11-20' },
      note: `the exemption for ${GROUP} ("vendor bastion, ticket SEC-142", approved by alice@security) expired on 2026-11-20 and no longer applies`,
    });
  });

  it('does not apply a CIDR exemption to an IPv6 source outside it', () => {
    const evaluation = flaggedRule(
      ruleOf({ source: cidr('::/0') }),
      contextOf(policyOf({ exemptions: [{ ...bastion, cidr: '0.0.0.0/0' }] })),
    );
    expect(evaluation).toMatchObject({ remediate: true });
    expect(evaluation.exemption).toBeUndefined();
  });

  it('marks a tag exemption as requester-controlled', () => {
    const ctx = {
      ...contextOf(policyOf({ honorExemptTag: true })),
      groupTags: new Map([[GROUP, { [KEY]: 'load test' }]]),
    };
    const evaluation = flaggedRule(ruleOf(), ctx);
    const finding = buildRuleFinding(
      { evaluation, action: 'exempted' },
      { trigger, mode: 'revoke', now: NOW },
    );
    expect(finding.action.exemption).toEqual({
      status: 'active',
      origin: 'tag',
      reason: `tag ${KEY}=load test`,
    });
    expect(finding.action.note).toContain(
      'exempted by a group tag, which whoever can tag the group controls',
    );
    expect(finding.guidance).toContain('Tag exemptions are requester-controlled');
  });
});
