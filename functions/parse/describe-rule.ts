import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import { type Rule, type Source, toPortRange, toProtocol } from '../core/rule.js';

/**
 * DescribeSecurityGroupRules output → the rule model. Returns undefined for a rule whose shape is
 * not understood, so the caller decides how to report it (never guessed, never revoked).
 */
export function fromDescribedRule(rule: SecurityGroupRule): Rule | undefined {
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
  if (rule.CidrIpv4) return { kind: 'cidr4', cidr: rule.CidrIpv4 };
  if (rule.CidrIpv6) return { kind: 'cidr6', cidr: rule.CidrIpv6 };
  if (rule.PrefixListId) return { kind: 'prefix-list', prefixListId: rule.PrefixListId };
  const ref = rule.ReferencedGroupInfo;
  if (ref?.GroupId)
    return { kind: 'group', groupId: ref.GroupId, ...(ref.UserId ? { userId: ref.UserId } : {}) };
  return undefined;
}
