import { describe, expect, it } from 'vitest';
import { buildRuleFinding } from '../../../functions/core/findings/build-finding.js';
import { renderMessages } from '../../../functions/core/findings/render-message.js';
import type { Rule } from '../../../functions/core/model/rule.js';
import type { RuleOutcome } from '../../../functions/core/remediation/outcome.js';
import type { Permission } from '../../../functions/core/remediation/permission.js';
import { parsePublished } from '../../support/finding-schema.js';
import { contextOf, flaggedRule, NOW, ruleOf, TEST_TRIGGER } from '../../support/policy.js';

const trigger = TEST_TRIGGER;
const world = { kind: 'cidr4', cidr: '0.0.0.0/0' } as const;
const kept: Permission[] = [
  { protocol: 'tcp', ports: { from: 0, to: 21 }, source: world },
  { protocol: 'tcp', ports: { from: 23, to: 65535 }, source: world },
  { protocol: 'udp', ports: { from: 0, to: 65535 }, source: world },
];
const eic: Permission = {
  protocol: 'tcp',
  ports: { from: 22, to: 22 },
  source: { kind: 'prefix-list', prefixListId: 'pl-0e4bcff02b13bef1e' },
};

function finding(
  outcome: Omit<RuleOutcome, 'evaluation'>,
  rule: Partial<Rule> = { ports: { from: 0, to: 65535 } },
) {
  const evaluation = flaggedRule(ruleOf(rule), contextOf());
  return buildRuleFinding({ evaluation, ...outcome }, { trigger, mode: 'narrow', now: NOW });
}

describe('finding text an engineer understands without reading code', () => {
  it.each<[string, Omit<RuleOutcome, 'evaluation'>, Partial<Rule> | undefined, string[], string[]]>([
    [
      'narrowed: what stays open, that SSH is gone, how to connect',
      { action: 'narrowed', kept },
      undefined,
      [
        'SSH was cut out of the rule',
        'tcp/0-21, tcp/23-65535, udp/all still open to 0.0.0.0/0',
        'aws ec2-instance-connect ssh',
        'aws ssm start-session',
      ],
      ['Not kept'],
    ],
    [
      'replaced: the EIC rule and the commands to connect now',
      { action: 'replaced', added: [eic] },
      { ports: { from: 22, to: 22 } },
      [
        'replaced by tcp/22 from pl-0e4bcff02b13bef1e',
        'aws ec2-instance-connect ssh --instance-id i-...',
        'aws ssm start-session --target i-...',
      ],
      [],
    ],
    [
      'revoked whole after a narrowing fallback: what else was closed',
      {
        action: 'revoked',
        note: 'narrowing failed (RulesPerSecurityGroupLimitExceeded), rule revoked entirely',
      },
      undefined,
      [
        'The whole rule (tcp/0-65535) went with it: re-add the ports you need from 0.0.0.0/0 without SSH',
        'EC2 Instance Connect',
      ],
      [],
    ],
    [
      'revoked tcp/22 alone: nothing else to re-add',
      { action: 'revoked' },
      { ports: { from: 22, to: 22 } },
      ['exposed SSH to the internet'],
      ['whole rule'],
    ],
    [
      'failed: still exposed, act now',
      { action: 'failed', error: { code: 'UnauthorizedOperation', message: 'SCP' } },
      undefined,
      ['could NOT remove this rule (UnauthorizedOperation): SSH is still exposed'],
      [],
    ],
    ['report mode', { action: 'would-revoke' }, undefined, ['changed nothing'], []],
  ])('%s', (_name, outcome, rule, says, saysNot) => {
    const { guidance } = finding(outcome, rule);
    for (const text of says) expect(guidance).toContain(text);
    for (const text of saysNot) expect(guidance).not.toContain(text);
  });

  it('puts the fallback note and the guidance in the email, and a valid document in default', () => {
    const f = finding({
      action: 'revoked',
      note: 'narrowing failed (UnauthorizedOperation), rule revoked entirely',
      changes: [
        {
          call: 'AuthorizeSecurityGroupIngress',
          groupId: 'sg-0a1b2c3d4e5f60001',
          outcome: 'failed',
          permissions: ['tcp/0-21 from 0.0.0.0/0'],
          error: { code: 'UnauthorizedOperation', message: 'denied' },
        },
        {
          call: 'RevokeSecurityGroupIngress',
          groupId: 'sg-0a1b2c3d4e5f60001',
          outcome: 'succeeded',
          ruleIds: ['sgr-1'],
        },
      ],
    });
    const [message] = renderMessages([f]);
    const { email } = parsePublished(message?.message ?? '');
    expect(email).toContain('  note: narrowing failed (UnauthorizedOperation), rule revoked entirely');
    expect(email).toContain('  what to do: The rule was removed');
  });

  it('names the action in the subject', () => {
    const [message] = renderMessages([finding({ action: 'narrowed', kept })]);
    expect(message?.subject).toMatch(
      /^(\[ssh-ingress-guard\] )?NARROWED tcp\/0-65535 from 0\.0\.0\.0\/0 on sg-/,
    );
  });
});
