import { describe, expect, it } from 'vitest';
import { buildRuleFinding } from '../../../functions/core/findings/build-finding.js';
import type { Exemption } from '../../../functions/core/policy/policy-config.js';
import { cidr, contextOf, flaggedRule, NOW, policyOf, ruleOf, TEST_TRIGGER } from '../../support/policy.js';

const GROUP = 'sg-0a1b2c3d4e5f60001';
const whole: Exemption = { groupId: GROUP, reason: 'vendor', expires: '2026-12-31', approvedBy: 'alice' };
const limited: Exemption = { ...whole, cidr: '44.1.2.0/24' };
const COVERS_ALL = `It covers every source of ${GROUP}, prefix lists included.`;

// Every public source is world-sized under a /32 bound, so a vendor /32 is remediated (and exemptible).
function guidanceOf(exemption: Exemption, source: ReturnType<typeof cidr>) {
  const evaluation = flaggedRule(
    ruleOf({ groupId: GROUP, source }),
    contextOf(policyOf({ exemptions: [exemption], worldPrefix: { 4: 32, 6: 128 } })),
  );
  return buildRuleFinding(
    { evaluation, action: 'exempted' },
    { trigger: TEST_TRIGGER, mode: 'revoke', now: NOW },
  ).guidance;
}

describe('configuration that defeats the guard is refused: an exemption says what it covers', () => {
  it.each<[string, Exemption, ReturnType<typeof cidr>, boolean]>([
    ['without a cidr, over a world rule', whole, cidr('0.0.0.0/0'), true],
    ['without a cidr, over a vendor rule', whole, cidr('44.1.2.7/32'), true],
    ['limited to a cidr', limited, cidr('44.1.2.7/32'), false],
  ])(
    'an exemption %s: says it also covers prefix-list sources only when it has no cidr',
    (_n, e, source, says) => {
      const guidance = guidanceOf(e, source);
      expect(guidance).toContain('Left open by an exemption approved by alice until 2026-12-31: "vendor".');
      expect(guidance.includes(COVERS_ALL)).toBe(says);
    },
  );
});
