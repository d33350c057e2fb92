import {
  type CurrentRule,
  type Protocol,
  type RequestedRule,
  type Source,
  toPortRange,
  toProtocol,
} from '../core/model/rule.js';
import type { RuleSelection } from '../core/model/selection.js';
import { describeValue, ec2Id, fail, items, type Json, num, obj, ok, type Parsed, str } from './json.js';
import { cidrProblem, toSource } from './source.js';

/**
 * AuthorizeSecurityGroupIngress in every form CloudTrail has written. The response rule set, when
 * present, is authoritative: it carries rule ids and the group id even when the request named the
 * group. Otherwise the request is read, in its `items` form and its legacy flat form. One item the
 * guard cannot read does not hide the others: every rule that can be read is judged, and what could
 * not be read is named in `unreadable` (its own finding). Only when nothing can be read does the whole
 * event fail.
 */
export function parseAuthorize(record: Json): Parsed<RuleSelection> {
  const fromResponse = readRuleSet(obj(record.responseElements)?.securityGroupRuleSet);
  if (fromResponse.rules.length > 0)
    return ok({ kind: 'rules', rules: fromResponse.rules, ...unreadableOf(fromResponse.unreadable) });
  const request = obj(record.requestParameters);
  if (!request) return fail(['requestParameters missing', ...fromResponse.unreadable].join('; '));
  const requested = parseRequest(request);
  if (!requested.ok) return fail([...fromResponse.unreadable, requested.error].join('; '));
  const unreadable = [...fromResponse.unreadable, ...requested.value.unreadable];
  if (requested.value.rules.length === 0)
    return fail(unreadable.length > 0 ? unreadable.join('; ') : 'request carries no permission');
  return ok({ kind: 'match', rules: requested.value.rules, ...unreadableOf(unreadable) });
}

const unreadableOf = (unreadable: readonly string[]) => (unreadable.length > 0 ? { unreadable } : {});

interface Read<T> {
  readonly rules: T[];
  /** Why each item that could not be read was left out. */
  readonly unreadable: string[];
}

/** The response rule set: every item read on its own. */
export function readRuleSet(ruleSet: unknown): Read<CurrentRule> {
  const read: Read<CurrentRule> = { rules: [], unreadable: [] };
  for (const item of items(ruleSet)) {
    const ruleId = ec2Id(item.securityGroupRuleId, 'sgr');
    const groupId = ec2Id(item.groupId, 'sg');
    const protocol = toProtocol(item.ipProtocol);
    const source = ruleSetSource(item);
    const problem = source && cidrProblem(source);
    if (!ruleId || !groupId || !protocol || !source || problem) {
      const id = str(item.securityGroupRuleId) ?? '?';
      read.unreadable.push(`rule set item not understood: ${id}${problem ? ` (${problem})` : ''}`);
      continue;
    }
    read.rules.push({
      groupId,
      ruleId,
      direction: item.isEgress === true || item.isEgress === 'true' ? 'egress' : 'ingress',
      protocol,
      ports: toPortRange(protocol, item.fromPort, item.toPort),
      source,
      ...(str(item.description) ? { description: str(item.description) } : {}),
    });
  }
  return read;
}

function ruleSetSource(item: Json): Source | undefined {
  const ref = obj(item.referencedGroupInfo);
  return toSource({ ...item, groupId: ref?.groupId, userId: ref?.userId });
}

/** The request's permissions, each source its own rule; the group must be named, the rest is per item. */
function parseRequest(request: Json): Parsed<Read<RequestedRule>> {
  const groupId = str(request.groupId);
  const groupName = str(request.groupName);
  if (!groupId && !groupName) return fail('request names no group (groupId or groupName)');
  if (groupId && !ec2Id(groupId, 'sg')) return fail(`groupId not understood: ${groupId}`);
  const group = { ...(groupId ? { groupId } : {}), ...(!groupId && groupName ? { groupName } : {}) };
  const permissions = [...items(request.ipPermissions), ...legacyPermission(request)];
  const read: Read<RequestedRule> = { rules: [], unreadable: [] };
  for (const permission of permissions) {
    const protocol = toProtocol(permission.ipProtocol);
    if (!protocol) {
      read.unreadable.push(`ipProtocol not understood: ${describeValue(permission.ipProtocol)}`);
      continue;
    }
    const sources = permissionSources(permission, read.unreadable);
    if (sources.length === 0) {
      read.unreadable.push('a permission names no source that can be read');
      continue;
    }
    const ports = toPortRange(protocol, permission.fromPort, permission.toPort);
    for (const { source, description } of sources) {
      read.rules.push({
        ...group,
        direction: 'ingress',
        protocol,
        ports,
        source,
        ...(description ? { description } : {}),
      });
    }
  }
  return ok(read);
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

/** Every source of one permission that can be read; each one that cannot is named in `unreadable` (never guessed). */
function permissionSources(
  permission: Json,
  unreadable: string[],
): { source: Source; description?: string }[] {
  const sources: { source: Source; description?: string }[] = [];
  for (const [key, read] of SOURCE_READERS) {
    for (const item of items(permission[key])) {
      const source = read(item);
      const problem = source && cidrProblem(source);
      if (!source) unreadable.push(`${key} item not understood`);
      else if (problem) unreadable.push(`${key} item not understood: ${problem}`);
      else sources.push({ source, ...(str(item.description) ? { description: str(item.description) } : {}) });
    }
  }
  return sources;
}
