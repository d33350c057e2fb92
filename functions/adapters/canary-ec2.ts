import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  type EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import type { CanaryPort } from '../canary/run-canary.js';
import { isError } from './aws-error.js';

/**
 * IAM actions the canary calls; a test holds its role to exactly these, and serverless.yml grants the
 * two writes on the canary group alone.
 */
export const CANARY_ACTIONS = [
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:DescribeSecurityGroupRules',
] as const;

/** Readers of the group (and of the guard's findings) know the rule by this description. */
export const PROBE_DESCRIPTION = 'ssh-ingress-guard canary: opened on purpose, the guard must revoke it';

export function createCanaryPort(client: Pick<EC2Client, 'send'>): CanaryPort {
  return {
    async openProbe(groupId) {
      const reply = await client.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: '0.0.0.0/0', Description: PROBE_DESCRIPTION }],
            },
          ],
        }),
      );
      const ruleId = reply.SecurityGroupRules?.[0]?.SecurityGroupRuleId;
      if (!ruleId) throw new Error('AuthorizeSecurityGroupIngress returned no rule id');
      return ruleId;
    },
    async isProbeOpen(groupId, ruleId) {
      let token: string | undefined;
      do {
        const page = await client.send(
          new DescribeSecurityGroupRulesCommand({
            Filters: [{ Name: 'group-id', Values: [groupId] }],
            ...(token ? { NextToken: token } : {}),
          }),
        );
        if (page.SecurityGroupRules?.some((r) => r.SecurityGroupRuleId === ruleId)) return true;
        token = page.NextToken;
      } while (token);
      return false;
    },
    async closeProbe(groupId, ruleId) {
      try {
        await client.send(
          new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [ruleId] }),
        );
      } catch (e) {
        if (!isError(e, 'rule-gone')) throw e;
      }
    },
  };
}
