import {
  type CurrentRule,
  type Protocol,
  type RequestedRule,
  type Source,
  toPortRange,
  toProtocol,
} from '../core/model/rule.js';
import type { RuleSelection } from '../core/model/selection.js';
import { ec2Id, fail, items, type Json, num, obj, ok, type Parsed, str } from './json.js';
import { toSource } from './source.js';

/**
 * AuthorizeSecurityGroupIngress in every form CloudTrail has written (SPEC §3). The response rule
 * set, when present, is authoritative: it carries rule ids and the group id even when the request
 * named the group. Otherwise the request is read, in its `items` form and its legacy flat form.
 */
export function parseAuthorize(record: Json): Parsed<RuleSelection> {
  const fromResponse = parseRuleSet(obj(record.responseElements)?.securityGroupRuleSet);
  if (!fromResponse.ok) return fromResponse;
  if (fromResponse.value.length > 0) return ok({ kind: 'rules', rules: fromResponse.value });
  const request = obj(record.requestParameters);
  if (!request) return fail('requestParameters missing');
  const requested = parseRequest(request);
  if (!requested.ok) return requested;
  return ok({ kind: 'match', rules: requested.value });
}

export function parseRuleSet(ruleSet: unknown): Parsed<CurrentRule[]> {
  const rules: CurrentRule[] = [];
  for (const item of items(ruleSet)) {
    const ruleId = ec2Id(item.securityGroupRuleId, 'sgr');
    const groupId = ec2Id(item.groupId, 'sg');
    const protocol = toProtocol(item.ipProtocol);
    const source = ruleSetSource(item);
    if (!ruleId || !groupId || !protocol || !source)
      return fail(`rule set item not understood: ${str(item.securityGroupRuleId) ?? '?'}`);
    rules.push({
      groupId,
      ruleId,
      direction: item.isEgress === true || item.isEgress === 'true' ? 'egress' : 'ingress',
      protocol,
      ports: toPortRange(protocol, item.fromPort, item.toPort),
      source,
      ...(str(item.description) ? { description: str(item.description) } : {}),
    });
  }
  return ok(rules);
}

function ruleSetSource(item: Json): Source | undefined {
  const ref = obj(item.referencedGroupInfo);
  return toSource({ ...item, groupId: ref?.groupId, userId: ref?.userId });
}

function parseRequest(request: Json): Parsed<RequestedRule[]> {
  const groupId = str(request.groupId);
  const groupName = str(request.groupName);
  if (!groupId && !groupName) return fail('request names no group (groupId or groupName)');
  if (groupId && !ec2Id(groupId, 'sg')) return fail(`groupId not understood: ${groupId}`);
  const group = { ...(groupId ? { groupId } : {}), ...(!groupId && groupName ? { groupName } : {}) };
  const permissions = [...items(request.ipPermissions), ...legacyPermission(request)];
  const rules: RequestedRule[] = [];
  for (const permission of permissions) {
    const protocol = toProtocol(permission.ipProtocol);
    if (!protocol) return fail(`ipProtocol not understood: ${JSON.stringify(permission.ipProtocol)}`);
    const sources = permissionSources(permission);
    if (!sources.ok) return sources;
    if (sources.value.length === 0) return fail('a permission names no source');
    const ports = toPortRange(protocol, permission.fromPort, permission.toPort);
    for (const { source, description } of sources.value) {
      rules.push({
        ...group,
        direction: 'ingress',
        protocol,
        ports,
        source,
        ...(description ? { description } : {}),
      });
    }
  }
  if (rules.length === 0) return fail('request carries no permission');
  return ok(rules);
}

/**
 * The pre-2014 flat form puts one permission at the top level (`cidrIp`, `ipProtocol`, ports, or a
 * source group). Reading only `ipPermissions.items` would let it through: that is a bypass.
 */
function legacyPermission(request: Json): Json[] {
  const cidrIp = str(request.cidrIp);
  const sourceGroup = str(request.sourceSecurityGroupName) ?? str(request.sourceSecurityGroupId);
  if (!cidrIp && !sourceGroup) return [];
  const protocol: Protocol | string = str(request.ipProtocol) ?? (sourceGroup ? '-1' : '');
  const permission: Json = {
    ipProtocol: protocol,
    fromPort: num(request.fromPort),
    toPort: num(request.toPort),
  };
  if (cidrIp) permission.ipRanges = { items: [{ cidrIp }] };
  if (sourceGroup) permission.groups = { items: [{ groupId: sourceGroup }] };
  return [permission];
}

type SourceOf = (item: Json) => Source | undefined;

/** Each source collection of a permission and how one of its items becomes a Source. */
const SOURCE_READERS: readonly [string, SourceOf][] = [
  ['ipRanges', (i) => toSource({ cidrIpv4: i.cidrIp })],
  ['ipv6Ranges', (i) => toSource({ cidrIpv6: i.cidrIpv6 })],
  ['prefixListIds', (i) => toSource({ prefixListId: i.prefixListId })],
  ['groups', (i) => toSource({ groupId: str(i.groupId) ?? i.groupName, userId: i.userId })],
];

/** Every source of one permission; an item that cannot be read fails the whole event (never guess). */
function permissionSources(permission: Json): Parsed<{ source: Source; description?: string }[]> {
  const sources: { source: Source; description?: string }[] = [];
  for (const [key, read] of SOURCE_READERS) {
    for (const item of items(permission[key])) {
      const source = read(item);
      if (!source) return fail(`${key} item not understood`);
      sources.push({ source, ...(str(item.description) ? { description: str(item.description) } : {}) });
    }
  }
  return ok(sources);
}
