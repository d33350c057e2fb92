import { isObject, items, type Json, obj, ok, type Parsed, str } from '../parse/json.js';
import { selectPrefixListGroups } from './prefix-list-event.js';
import type { GuardWork } from './work.js';

/**
 * CloudTrail drops a field whose contents exceed its maximum size and marks the record with
 * `omitted: true` (a Modify of hundreds of rules, an Authorize with a long rule set). The call still
 * happened: nothing it opened may wait for the next scheduled sweep.
 */
export function isOmittedRecord(detail: Json): boolean {
  const marked = (value: unknown) => value === true || value === 'true';
  return (
    marked(detail.omitted) ||
    marked(obj(detail.requestParameters)?.omitted) ||
    marked(obj(detail.responseElements)?.omitted)
  );
}

/**
 * A security group trigger's parser, extended to truncated records: what the record still names is
 * read whole and judged (its groups, or the groups that reference its prefix list); when it names
 * nothing, the event's region is swept at once. A record that is not marked omitted but cannot be
 * read stays unparsed: that is a shape the guard does not know, not one CloudTrail documents.
 */
export function orWhenOmitted(
  parse: (detail: Json) => Parsed<GuardWork>,
): (detail: Json) => Parsed<GuardWork> {
  return (detail) => {
    const parsed = parse(detail);
    if (parsed.ok || !isOmittedRecord(detail)) return parsed;
    const { groupIds, prefixListIds } = namedTargets(detail);
    if (groupIds.length > 0) return ok({ kind: 'rules', selection: { kind: 'groups', groupIds } });
    const [prefixListId] = prefixListIds;
    if (prefixListId)
      return ok({ kind: 'lookup', lookup: (ec2) => selectPrefixListGroups(prefixListId, ec2, () => []) });
    return ok({
      kind: 'sweep-region',
      reason: 'the record came without its parameters (omitted by CloudTrail)',
    });
  };
}

const GROUP = /^sg-[0-9a-f]+$/;
const LIST = /^pl-[0-9a-f]+$/;

/** Groups and prefix lists a truncated record still names: in what is left of it, or in `resources`. */
function namedTargets(detail: Json): { groupIds: string[]; prefixListIds: string[] } {
  const groups = new Set<string>();
  const lists = new Set<string>();
  const request = obj(detail.requestParameters) ?? {};
  const response = obj(detail.responseElements) ?? {};
  // Newer EC2 calls wrap their parameters in a `<Action>Request` / `<Action>Response` object.
  const wrapped = [request, response, ...Object.values(request), ...Object.values(response)].filter(isObject);
  for (const part of wrapped) {
    for (const key of ['groupId', 'GroupId'])
      if (GROUP.test(str(part[key]) ?? '')) groups.add(String(part[key]));
    for (const key of ['prefixListId', 'PrefixListId'])
      if (LIST.test(str(part[key]) ?? '')) lists.add(String(part[key]));
    const list = str(obj(part.prefixList)?.prefixListId);
    if (list && LIST.test(list)) lists.add(list);
    for (const rule of items(part.securityGroupRuleSet)) {
      const groupId = str(rule.groupId);
      if (groupId && GROUP.test(groupId)) groups.add(groupId);
    }
  }
  for (const resource of items(detail.resources)) {
    const arn = str(resource.ARN) ?? str(resource.arn) ?? '';
    const group = /:security-group\/(sg-[0-9a-f]+)$/.exec(arn)?.[1];
    if (group) groups.add(group);
    const list = /:prefix-list\/(pl-[0-9a-f]+)$/.exec(arn)?.[1];
    if (list) lists.add(list);
  }
  return { groupIds: [...groups], prefixListIds: [...lists] };
}
