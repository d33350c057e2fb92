import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEc2Port } from '../../functions/adapters/ec2-adapter.js';
import { decideRemediation } from '../../functions/core/remediation/decide.js';
import type { PlannedAction } from '../../functions/core/remediation/plan.js';
import { silentLog } from '../../functions/log.js';
import { createEicListCache } from '../../functions/pipeline/eic-list-cache.js';
import { executePlan } from '../../functions/pipeline/execute-plan.js';
import { gatherFacts } from '../../functions/pipeline/gather.js';
import { flaggedRule, NOW, policyOf, REGION, ruleOf } from '../support/policy.js';

const ec2Mock = mockClient(EC2Client);
const port = () => createEc2Port(new EC2Client({ region: REGION }), silentLog);
const GROUP = 'sg-0a1b2c3d4e5f60001';
const RULE = 'sgr-0000000000000aaaa';
const wide = ruleOf({ groupId: GROUP, ruleId: RULE, ports: { from: 0, to: 65535 } });
const revokedAnswer = {
  Return: true,
  RevokedSecurityGroupRules: [
    {
      SecurityGroupRuleId: RULE,
      GroupId: GROUP,
      IpProtocol: 'tcp',
      FromPort: 0,
      ToPort: 65535,
      CidrIpv4: '0.0.0.0/0',
    },
  ],
};
const unknownAnswer = {
  Return: true,
  UnknownIpPermissions: [
    { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
  ],
};
const notFound = Object.assign(new Error('gone'), { name: 'InvalidPermission.NotFound' });
const keep = {
  protocol: 'tcp',
  ports: { from: 23, to: 65535 },
  source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
} as const;

async function outcomeOf(action: PlannedAction) {
  const [outcome] = await executePlan([{ evaluation: flaggedRule(wide), action }], port());
  return outcome;
}

describe('claims are verified: revoked, narrowed and already-gone only when EC2 shows it', () => {
  beforeEach(() => {
    ec2Mock.reset();
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true, SecurityGroupRules: [] });
  });

  it.each<[string, () => void, string]>([
    [
      'the answer names the rule it revoked',
      () => ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves(revokedAnswer),
      'revoked',
    ],
    [
      'the answer lists the permission as unknown',
      () => ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves(unknownAnswer),
      'already-gone',
    ],
    [
      'EC2 answers InvalidPermission.NotFound',
      () => ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(notFound),
      'already-gone',
    ],
    [
      'the answer is a bare success naming no rule',
      () => ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true }),
      'failed',
    ],
    [
      'the answer is Return=false',
      () => ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: false }),
      'failed',
    ],
  ])('a revoke whose %s is %s', async (_name, answer, expected) => {
    answer();
    expect((await outcomeOf({ kind: 'revoke' }))?.action).toBe(expected);
  });

  it.each<[string, () => void, string]>([
    [
      'the wide rule was revoked and the kept rules added',
      () => ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves(revokedAnswer),
      'narrowed',
    ],
    [
      'the wide rule could not be confirmed revoked',
      () => ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true }),
      'failed',
    ],
    [
      'the wide rule was already gone',
      () => ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(notFound),
      'already-gone',
    ],
  ])('a narrowing where %s is %s', async (_name, answer, expected) => {
    answer();
    expect((await outcomeOf({ kind: 'narrow', keep: [keep] }))?.action).toBe(expected);
  });

  it('calls a requested rule that matches nothing already-gone only after reading the group', async () => {
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: [] });
    const requested = {
      groupId: GROUP,
      direction: 'ingress',
      protocol: 'tcp',
      ports: { from: 22, to: 22 },
      source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
    } as const;
    const settings = { mode: 'revoke', policy: policyOf() } as const;
    const { facts } = await gatherFacts({ kind: 'match', rules: [requested] }, [], REGION, settings, NOW, {
      ec2: port(),
      eicLists: createEicListCache(),
    });
    expect(ec2Mock.commandCalls(DescribeSecurityGroupRulesCommand)).toHaveLength(1);
    expect(decideRemediation(facts, settings, NOW).steps.map((s) => s.action)).toEqual([
      { kind: 'none', outcome: 'already-gone' },
    ]);
  });
});
