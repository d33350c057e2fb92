import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import { type CurrentRule, type Source, toPortRange, toProtocol } from '../core/model/rule.js';
import { toSource } from './source.js';

/**
 * DescribeSecurityGroupRules output → the rule model. Returns undefined for a rule whose shape is
 * not understood, so the caller decides how to report it (never guessed, never revoked).
 */
export function fromDescribedRule(rule: SecurityGroupRule): CurrentRule | undefined {
  const protocol = toProtocol(rule.IpProtocol);
  const source = describedSource(rule);
  if (!rule.GroupId || !rule.SecurityGroupRuleId || !protocol || !source) return undefined;
  return {
    groupId: rule.GroupId,
    ruleId: rule.SecurityGroupRuleId,
    direction: rule.IsEgress ? 'egress' : 'ingress',
    protocol,
    ports: toPortRange(protocol, rule.FromPort, rule.ToPort),
    source,
    ...(rule.Description ? { description: rule.Description } : {}),
  };
}

function describedSource(rule: SecurityGroupRule): Source | undefined {
  return toSource({
    cidrIpv4: rule.CidrIpv4,
    cidrIpv6: rule.CidrIpv6,
    prefixListId: rule.PrefixListId,
    groupId: rule.ReferencedGroupInfo?.GroupId,
    userId: rule.ReferencedGroupInfo?.UserId,
  });
}
