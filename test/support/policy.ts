import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import { mustParseCidr } from '../../functions/core/model/cidr.js';
import type { CurrentRule, Rule } from '../../functions/core/model/rule.js';
import type { Trigger } from '../../functions/core/model/trigger.js';
import type { PrefixListInfo } from '../../functions/core/policy/classify-source.js';
import {
  type EvaluationContext,
  evaluateRule,
  type FlaggedEvaluation,
  isFlagged,
} from '../../functions/core/policy/evaluate.js';
import type { Exemption, PolicyConfig } from '../../functions/core/policy/policy-config.js';

export const NOW = new Date('2026-11-21T10:00:00Z');
export const REGION = 'eu-west-1';
export const EIC_LIST: PrefixListInfo = {
  id: 'pl-0e4bcff02b13bef1e',
  name: 'com.amazonaws.eu-west-1.ec2-instance-connect',
  ownerId: 'AWS',
  entries: ['18.202.216.48/29'],
};

export function policyOf(
  overrides: Partial<Omit<PolicyConfig, 'trustedCidrs'>> & { trusted?: string[] } = {},
): PolicyConfig {
  const { trusted = [], ...rest } = overrides;
  return {
    watchedPorts: [22],
    trustedCidrs: trusted.map((text) => ({ text, cidr: mustParseCidr(text) })),
    worldPrefix: { 4: 8, 6: 32 },
    remediatePublicSources: false,
    exemptions: [] as Exemption[],
    honorExemptTag: false,
    exemptTagKey: 'ssh-ingress-guard:exempt',
    ...rest,
  };
}

export function contextOf(
  policy: PolicyConfig = policyOf(),
  lists: PrefixListInfo[] = [],
): EvaluationContext {
  return {
    policy,
    region: REGION,
    now: NOW,
    prefixLists: new Map([EIC_LIST, ...lists].map((l) => [l.id, l])),
  };
}

let counter = 0;
/** A tcp/22 ingress rule from 0.0.0.0/0 unless told otherwise. */
export function ruleOf(overrides: Partial<CurrentRule> = {}): CurrentRule {
  counter += 1;
  return {
    groupId: 'sg-0a1b2c3d4e5f60001',
    ruleId: `sgr-${counter.toString(16).padStart(17, '0')}`,
    direction: 'ingress',
    protocol: 'tcp',
    ports: { from: 22, to: 22 },
    source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
    ...overrides,
  };
}

export const cidr = (text: string): CurrentRule['source'] =>
  text.includes(':') ? { kind: 'cidr6', cidr: text } : { kind: 'cidr4', cidr: text };

/** A minimal CloudTrail trigger for tests that build findings directly. */
export const TEST_TRIGGER: Trigger = {
  kind: 'cloudtrail',
  eventName: 'AuthorizeSecurityGroupIngress',
  eventId: 'e-1',
  eventTime: '2026-11-21T09:59:58Z',
  account: '123456789012',
  region: 'eu-west-1',
};

/** The i-th DescribeSecurityGroupRules rule of a synthetic account: tcp/22, ten rules per group. */
export function describedSshRule(i: number, cidr = '10.0.0.0/8'): SecurityGroupRule {
  return {
    SecurityGroupRuleId: `sgr-${i.toString(16).padStart(17, '0')}`,
    GroupId: `sg-${Math.floor(i / 10)
      .toString(16)
      .padStart(17, '0')}`,
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    CidrIpv4: cidr,
  };
}

/** A rule's evaluation that a check flagged (what a finding is built from); fails the test otherwise. */
export function flaggedRule(rule: Rule, ctx: EvaluationContext = contextOf()): FlaggedEvaluation {
  const evaluation = evaluateRule(rule, ctx);
  if (!isFlagged(evaluation)) throw new Error(`no check flagged the rule: ${evaluation.reason}`);
  return evaluation;
}
