import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import { fail, items, type Json, num, obj, ok, type Parsed, str } from './json.js';

/**
 * ModifyManagedPrefixList: PascalCase, XML-derived. `AddEntry` / `RemoveEntry` are an object for one
 * entry and an array for several; real records spell the entry's CIDR `cidr` (lower case), the API
 * documents `Cidr`, and `tag` is a string or a number. The CIDRs say whether the edit can open a
 * port; the response's version says which version of the list is at least as new as the edit.
 */
export function parsePrefixListChange(record: Json): Parsed<PrefixListChange> {
  const request = obj(obj(record.requestParameters)?.ModifyManagedPrefixListRequest);
  if (!request) return fail('requestParameters.ModifyManagedPrefixListRequest missing');
  const response = obj(obj(record.responseElements)?.ModifyManagedPrefixListResponse);
  const prefixListId = str(request.PrefixListId) ?? str(obj(response?.prefixList)?.prefixListId);
  if (!prefixListId) return fail('PrefixListId missing');
  const added = entryCidrs(request.AddEntry, 'AddEntry');
  if (!added.ok) return added;
  const removed = entryCidrs(request.RemoveEntry, 'RemoveEntry');
  if (!removed.ok) return removed;
  const version = num(obj(response?.prefixList)?.version);
  return ok({
    prefixListId,
    added: added.value,
    removed: removed.value,
    ...(version === undefined ? {} : { version }),
  });
}

function entryCidrs(value: unknown, key: string): Parsed<string[]> {
  const cidrs: string[] = [];
  for (const entry of items(value)) {
    const cidr = str(entry.cidr) ?? str(entry.Cidr);
    if (!cidr) return fail(`${key} entry without a CIDR`);
    cidrs.push(cidr);
  }
  return ok(cidrs);
}
