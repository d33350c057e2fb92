import { type RequestedRule, type Source, toPortRange, toProtocol } from '../core/model/rule.js';
import type { RuleSelection } from '../core/model/selection.js';
import { describeValue, ec2Id, fail, items, type Json, obj, ok, type Parsed, str } from './json.js';
import { cidrProblem, toSource } from './source.js';

/**
 * ModifySecurityGroupRules: PascalCase, XML-derived; `SecurityGroupRule` is an object for one rule
 * and an array for several. The request does not say ingress or egress, and only the rule ids are
 * needed: the rules are read back by id and their current state (group and direction included) is
 * judged, which also makes out-of-order delivery safe. So a GroupId that cannot be read stops
 * nothing; one that is there but not a group id is named in `unreadable`, as is an entry without a
 * rule id. A body that cannot be read costs nothing but the "what was asked" wording should that
 * rule be gone.
 */
export function parseModify(record: Json): Parsed<RuleSelection> {
  const request = obj(obj(record.requestParameters)?.ModifySecurityGroupRulesRequest);
  if (!request) return fail('requestParameters.ModifySecurityGroupRulesRequest missing');
  const groupId = ec2Id(request.GroupId, 'sg');
  const unreadable: string[] = [];
  if (!groupId && request.GroupId !== undefined)
    unreadable.push(`GroupId not understood: ${describeValue(request.GroupId)}`);
  const entries = items(request.SecurityGroupRule);
  if (entries.length === 0) return fail(['no SecurityGroupRule in request', ...unreadable].join('; '));
  const ruleIds: string[] = [];
  const requested: RequestedRule[] = [];
  for (const entry of entries) {
    const ruleId = ec2Id(entry.SecurityGroupRuleId, 'sgr');
    if (!ruleId) {
      unreadable.push(
        `SecurityGroupRule entry without a rule id: ${describeValue(entry.SecurityGroupRuleId)}`,
      );
      continue;
    }
    ruleIds.push(ruleId);
    const body = obj(entry.SecurityGroupRule);
    const protocol = toProtocol(body?.IpProtocol);
    const source = body ? modifySource(body) : undefined;
    // The rule is judged as EC2 holds it, read back by id; what was asked only words a missing rule.
    if (!body || !protocol || !source || cidrProblem(source)) continue;
    requested.push({
      ...(groupId ? { groupId } : {}),
      ruleId,
      direction: 'unknown',
      protocol,
      ports: toPortRange(protocol, body.FromPort, body.ToPort),
      source,
      ...(str(body.Description) ? { description: str(body.Description) } : {}),
    });
  }
  if (ruleIds.length === 0) return fail(unreadable.join('; '));
  return ok({ kind: 'rule-ids', ruleIds, requested, ...(unreadable.length > 0 ? { unreadable } : {}) });
}

function modifySource(body: Json): Source | undefined {
  return toSource({
    cidrIpv4: body.CidrIpv4,
    cidrIpv6: body.CidrIpv6,
    prefixListId: body.PrefixListId,
    groupId: body.ReferencedGroupId,
  });
}
