import { type RequestedRule, type Source, toPortRange, toProtocol } from '../core/model/rule.js';
import type { RuleSelection } from '../core/model/selection.js';
import { ec2Id, fail, items, type Json, obj, ok, type Parsed, str } from './json.js';
import { toSource } from './source.js';

/**
 * ModifySecurityGroupRules: PascalCase, XML-derived; `SecurityGroupRule` is an object for one rule
 * and an array for several. The request does not say ingress or egress, so the rules are read back
 * by id (their current state wins over the request, which also makes out-of-order delivery safe).
 */
export function parseModify(record: Json): Parsed<RuleSelection> {
  const request = obj(obj(record.requestParameters)?.ModifySecurityGroupRulesRequest);
  if (!request) return fail('requestParameters.ModifySecurityGroupRulesRequest missing');
  const groupId = ec2Id(request.GroupId, 'sg');
  if (!groupId) return fail('GroupId missing or not understood');
  const entries = items(request.SecurityGroupRule);
  if (entries.length === 0) return fail('no SecurityGroupRule in request');
  const requested: (RequestedRule & { readonly ruleId: string })[] = [];
  for (const entry of entries) {
    const ruleId = ec2Id(entry.SecurityGroupRuleId, 'sgr');
    const body = obj(entry.SecurityGroupRule);
    if (!ruleId || !body) return fail('SecurityGroupRule entry without id or body');
    const protocol = toProtocol(body.IpProtocol);
    const source = modifySource(body);
    if (!protocol || !source) return fail(`rule ${ruleId} not understood`);
    requested.push({
      groupId,
      ruleId,
      direction: 'unknown',
      protocol,
      ports: toPortRange(protocol, body.FromPort, body.ToPort),
      source,
      ...(str(body.Description) ? { description: str(body.Description) } : {}),
    });
  }
  return ok({ kind: 'rule-ids', ruleIds: requested.map((r) => r.ruleId), requested });
}

function modifySource(body: Json): Source | undefined {
  return toSource({
    cidrIpv4: body.CidrIpv4,
    cidrIpv6: body.CidrIpv6,
    prefixListId: body.PrefixListId,
    groupId: body.ReferencedGroupId,
  });
}
