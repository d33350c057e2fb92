import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../functions/core/model/rule.js';
import { evaluateRule } from '../../../functions/core/policy/evaluate.js';
import type { RemediationMode } from '../../../functions/core/policy/policy-config.js';
import { describePermission } from '../../../functions/core/remediation/permission.js';
import { type PlanContext, planRemediation } from '../../../functions/core/remediation/plan.js';
import type { EicPrefixLists } from '../../../functions/core/remediation/replace.js';
import { cidr, contextOf, policyOf, REGION, ruleOf } from '../../support/policy.js';

const ALL = { from: 0, to: 65535 };
const EIC: EicPrefixLists = { region: REGION, ipv4: 'pl-0eic4', ipv6: 'pl-0eic6' };

function planOne(
  mode: RemediationMode,
  overrides: Partial<Rule>,
  ctx: Partial<PlanContext> = {},
  watched = [22],
) {
  const evaluation = evaluateRule(ruleOf(overrides), contextOf(policyOf({ watchedPorts: watched })));
  const [step] = planRemediation([evaluation], mode, { watchedPorts: watched, eic: EIC, ...ctx });
  return step?.action;
}

const described = (action: ReturnType<typeof planOne>) =>
  action?.kind === 'narrow'
    ? action.keep.map(describePermission)
    : action?.kind === 'replace'
      ? action.add.map(describePermission)
      : [];

describe('planning the modes (SPEC §5): data only, no call', () => {
  it.each<[RemediationMode, Partial<Rule>, string, string[]]>([
    ['revoke', { ports: ALL }, 'revoke', []],
    ['report', { ports: ALL }, 'revoke', []],
    ['narrow', { ports: ALL }, 'narrow', ['tcp/0-21 from 0.0.0.0/0', 'tcp/23-65535 from 0.0.0.0/0']],
    [
      'narrow',
      { protocol: 'all', ports: ALL, source: cidr('::/0') },
      'narrow',
      ['tcp/0-21 from ::/0', 'tcp/23-65535 from ::/0', 'udp/all from ::/0', 'icmpv6/all from ::/0'],
    ],
    ['replace-with-eic', {}, 'replace', ['tcp/22 from pl-0eic4']],
    ['replace-with-eic', { source: cidr('::/0') }, 'replace', ['tcp/22 from pl-0eic6']],
    ['replace-with-eic', { protocol: 'all', ports: ALL }, 'replace', ['tcp/22 from pl-0eic4']],
  ])('%s mode plans %j as %s', (mode, overrides, kind, permissions) => {
    const action = planOne(mode, overrides);
    expect(action?.kind).toBe(kind);
    expect(described(action)).toEqual(permissions);
  });

  it('narrows a prefix-list rule to the same list and replaces it from the IPv4 EIC list', () => {
    const source: Rule['source'] = { kind: 'prefix-list', prefixListId: 'pl-0partners' };
    const partners = { id: 'pl-0partners', ownerId: '123456789012', entries: ['0.0.0.0/0'] };
    const evaluation = evaluateRule(ruleOf({ ports: ALL, source }), contextOf(policyOf(), [partners]));
    const base = { watchedPorts: [22], eic: EIC };
    expect(described(planRemediation([evaluation], 'narrow', base)[0]?.action)).toEqual([
      'tcp/0-21 from pl-0partners',
      'tcp/23-65535 from pl-0partners',
    ]);
    expect(described(planRemediation([evaluation], 'replace-with-eic', base)[0]?.action)).toEqual([
      'tcp/22 from pl-0eic4',
    ]);
  });

  it.each<[string, RemediationMode, Partial<Rule>, Partial<PlanContext>, number[], string]>([
    [
      'a rule of only SSH under narrow',
      'narrow',
      {},
      {},
      [22],
      'the rule opened only watched ports, so there was nothing to keep',
    ],
    [
      'a region without EIC lists',
      'replace-with-eic',
      {},
      { eic: { region: REGION } },
      [22],
      'not replaced: eu-west-1 has no EC2 Instance Connect prefix list com.amazonaws.eu-west-1.ec2-instance-connect',
    ],
    [
      'an IPv6 rule where only the IPv4 EIC list exists',
      'replace-with-eic',
      { source: cidr('::/0') },
      { eic: { region: REGION, ipv4: 'pl-0eic4' } },
      [22],
      'not replaced: eu-west-1 has no EC2 Instance Connect prefix list com.amazonaws.eu-west-1.ipv6.ec2-instance-connect',
    ],
    [
      'a failed EIC lookup',
      'replace-with-eic',
      {},
      { eic: { region: REGION, error: 'Throttling: slow down' } },
      [22],
      'not replaced: looking up the EC2 Instance Connect prefix list failed (Throttling: slow down)',
    ],
    [
      'a watched port other than 22 (EIC only speaks SSH on 22)',
      'replace-with-eic',
      { ports: { from: 2222, to: 2222 } },
      {},
      [2222],
      'not replaced: the rule did not open tcp/22, the port EC2 Instance Connect uses',
    ],
  ])('plans a plain revoke, with the reason, for %s', (_name, mode, overrides, ctx, watched, note) => {
    expect(planOne(mode, overrides, ctx, watched)).toEqual({ kind: 'revoke', note });
  });

  it('never plans a change for a rule without an id, an exempted rule or a review finding', () => {
    const policy = policyOf({
      exemptions: [
        { groupId: 'sg-0a1b2c3d4e5f60001', reason: 'x', expires: '2026-12-31', approvedBy: 'sec' },
      ],
    });
    const exempted = evaluateRule(ruleOf({ ports: ALL }), contextOf(policy));
    const gone = evaluateRule({ ...ruleOf({ ports: ALL }), ruleId: undefined } as Rule, contextOf());
    const review = evaluateRule(ruleOf({ source: cidr('52.1.2.0/24') }), contextOf());
    const steps = planRemediation([exempted, gone, review], 'narrow', { watchedPorts: [22], eic: EIC });
    expect(steps.map((s) => s.action)).toEqual([
      { kind: 'none', outcome: 'exempted' },
      { kind: 'none', outcome: 'already-gone' },
      { kind: 'none', outcome: 'review' },
    ]);
  });
});
