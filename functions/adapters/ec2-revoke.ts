import {
  type IpPermission,
  type RevokedSecurityGroupRule,
  RevokeSecurityGroupIngressCommand,
  type RevokeSecurityGroupIngressCommandOutput,
} from '@aws-sdk/client-ec2';
import {
  type CurrentRule,
  ruleContentKey,
  type Source,
  toPortRange,
  toProtocol,
} from '../core/model/rule.js';
import type { RevokeResult } from '../deps.js';
import { toSource } from '../parse/source.js';
import { errorCode, errorMessage, isCodeOf } from './aws-error.js';
import type { Ec2Sender } from './count-calls.js';

/**
 * The judged rule as the permission EC2 matches on revoke: group, protocol, ports and the one source.
 * EC2 removes a rule only if these are unchanged, so a rule edited since it was judged (the console's
 * Edit inbound rules keeps the rule id) is left alone. The description is left out: EC2 ignores it
 * when matching, and an edited description must not save a world-open rule. Protocol "all" is `-1`
 * with no ports, as EC2 spells it.
 */
export function toJudgedPermission(rule: CurrentRule): IpPermission {
  const ports = rule.protocol === 'all' ? {} : { FromPort: rule.ports.from, ToPort: rule.ports.to };
  return {
    IpProtocol: rule.protocol === 'all' ? '-1' : rule.protocol,
    ...ports,
    ...sourceFields(rule.source),
  };
}

function sourceFields(source: Source): Partial<IpPermission> {
  switch (source.kind) {
    case 'cidr4':
      return { IpRanges: [{ CidrIp: source.cidr }] };
    case 'cidr6':
      return { Ipv6Ranges: [{ CidrIpv6: source.cidr }] };
    case 'prefix-list':
      return { PrefixListIds: [{ PrefixListId: source.prefixListId }] };
    case 'group':
      return {
        UserIdGroupPairs: [{ GroupId: source.groupId, ...(source.userId ? { UserId: source.userId } : {}) }],
      };
  }
}

/** What one revoke call answered, per judged rule id. */
type Answer = { readonly results: Map<string, RevokeResult>; readonly code?: string };

/**
 * Revokes the judged rules of one group in one call, by permission, and says for each which rule
 * went, from EC2's own answer: `RevokedSecurityGroupRules` names the rules removed, and
 * `UnknownIpPermissions` the permissions the group no longer holds. Outside the default VPC, one
 * permission the group does not hold fails the whole call (InvalidPermission.NotFound) and nothing
 * is revoked: the rules are then revoked one by one, so one rule changed since it was judged does
 * not keep the others open.
 */
export async function revokeJudged(
  client: Ec2Sender,
  groupId: string,
  rules: readonly CurrentRule[],
): Promise<ReadonlyMap<string, RevokeResult>> {
  const all = await revokeOnce(client, groupId, rules);
  if (rules.length < 2 || !all.code || !isCodeOf(all.code, 'rule-gone')) return all.results;
  const each = new Map<string, RevokeResult>();
  for (const rule of rules)
    for (const [id, result] of (await revokeOnce(client, groupId, [rule])).results) each.set(id, result);
  return each;
}

async function revokeOnce(
  client: Ec2Sender,
  groupId: string,
  rules: readonly CurrentRule[],
): Promise<Answer> {
  let out: RevokeSecurityGroupIngressCommandOutput;
  try {
    out = await client.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: rules.map(toJudgedPermission),
      }),
    );
  } catch (error) {
    const code = errorCode(error);
    const result: RevokeResult = isCodeOf(code, 'rule-gone', 'group-gone')
      ? { status: 'already-gone', evidence: `EC2 answered ${code}` }
      : { status: 'failed', code, message: errorMessage(error) };
    return { results: new Map(rules.map((r) => [r.ruleId, result])), code };
  }
  return { results: new Map(rules.map((r) => [r.ruleId, readAnswer(r, out)])) };
}

function readAnswer(rule: CurrentRule, out: RevokeSecurityGroupIngressCommandOutput): RevokeResult {
  if (out.Return === false)
    return { status: 'failed', code: 'RevokeReturnedFalse', message: 'EC2 answered Return=false' };
  const key = ruleContentKey(rule);
  const revoked = (out.RevokedSecurityGroupRules ?? []).find((r) => revokedKey(r, rule.groupId) === key);
  if (revoked?.SecurityGroupRuleId) return { status: 'revoked', ruleId: revoked.SecurityGroupRuleId };
  if ((out.UnknownIpPermissions ?? []).some((p) => permissionKeys(p, rule.groupId).includes(key)))
    return { status: 'already-gone', evidence: 'EC2 listed the permission as unknown to the group' };
  return {
    status: 'failed',
    code: 'RevokeUnconfirmed',
    message: 'EC2 named the rule neither as revoked nor as unknown, so whether it went is not known',
  };
}

/** The content key of a rule EC2 says it revoked, spelled as the judged rule's key is. */
function revokedKey(r: RevokedSecurityGroupRule, groupId: string): string | undefined {
  const protocol = toProtocol(r.IpProtocol);
  const source = toSource({
    cidrIpv4: r.CidrIpv4,
    cidrIpv6: r.CidrIpv6,
    prefixListId: r.PrefixListId,
    groupId: r.ReferencedGroupId,
  });
  if (!protocol || !source || (r.GroupId && r.GroupId !== groupId)) return undefined;
  return ruleContentKey({
    groupId,
    direction: 'ingress',
    protocol,
    ports: toPortRange(protocol, r.FromPort, r.ToPort),
    source,
  });
}

/** Every source of an IpPermission EC2 returned, as content keys of this group's rules. */
function permissionKeys(p: IpPermission, groupId: string): string[] {
  const protocol = toProtocol(p.IpProtocol);
  if (!protocol) return [];
  const ports = toPortRange(protocol, p.FromPort, p.ToPort);
  const sources = [
    ...(p.IpRanges ?? []).map((r) => toSource({ cidrIpv4: r.CidrIp })),
    ...(p.Ipv6Ranges ?? []).map((r) => toSource({ cidrIpv6: r.CidrIpv6 })),
    ...(p.PrefixListIds ?? []).map((r) => toSource({ prefixListId: r.PrefixListId })),
    ...(p.UserIdGroupPairs ?? []).map((r) => toSource({ groupId: r.GroupId })),
  ];
  return sources.flatMap((source) =>
    source ? [ruleContentKey({ groupId, direction: 'ingress', protocol, ports, source })] : [],
  );
}
