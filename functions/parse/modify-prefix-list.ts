import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import {
  describeValue,
  fail,
  isObject,
  type Json,
  listElements,
  num,
  obj,
  ok,
  type Parsed,
  str,
} from './json.js';

/** The edit as the record states it, with what of it could not be read. */
export interface PrefixListEdit extends PrefixListChange {
  /** Whether the edit adds anything, in whatever shape: then every group referencing the list is judged. */
  readonly addition: 'entries' | 'none';
  /** Entries that could not be read, each with why: reported, never a reason to judge less. */
  readonly unreadable?: readonly string[];
}

/**
 * ModifyManagedPrefixList: PascalCase, XML-derived. `AddEntry` / `RemoveEntry` are an object for one
 * entry and an array for several; real records spell the entry's CIDR `cidr` (lower case), the API
 * documents `Cidr`, and `tag` is a string or a number. Only the list id is needed: the list is read
 * fresh and judged as it is now, so an added entry in a shape the guard cannot read (a bare string,
 * no CIDR) is named in `unreadable` and still counts as an addition. The response's version says
 * which version of the list is at least as new as the edit.
 */
export function parsePrefixListChange(record: Json): Parsed<PrefixListEdit> {
  const request = obj(obj(record.requestParameters)?.ModifyManagedPrefixListRequest);
  if (!request) return fail('requestParameters.ModifyManagedPrefixListRequest missing');
  const response = obj(obj(record.responseElements)?.ModifyManagedPrefixListResponse);
  const prefixListId = str(request.PrefixListId) ?? str(obj(response?.prefixList)?.prefixListId);
  if (!prefixListId) return fail('PrefixListId missing');
  const added = readEntries(request.AddEntry, 'AddEntry');
  const removed = readEntries(request.RemoveEntry, 'RemoveEntry');
  const unreadable = [...added.unreadable, ...removed.unreadable];
  const version = num(obj(response?.prefixList)?.version);
  return ok({
    prefixListId,
    added: added.cidrs,
    removed: removed.cidrs,
    ...(version === undefined ? {} : { version }),
    addition: added.count > 0 ? 'entries' : 'none',
    ...(unreadable.length > 0 ? { unreadable } : {}),
  });
}

/** The edit as the pipeline takes it: what the record says changed, nothing of how it was read. */
export function toPrefixListChange({
  addition: _,
  unreadable: __,
  ...change
}: PrefixListEdit): PrefixListChange {
  return change;
}

interface Entries {
  readonly count: number;
  readonly cidrs: string[];
  readonly unreadable: string[];
}

function readEntries(value: unknown, key: string): Entries {
  const elements = listElements(value);
  const cidrs: string[] = [];
  const problems: unknown[] = [];
  for (const entry of elements) {
    const cidr = isObject(entry) ? (str(entry.cidr) ?? str(entry.Cidr)) : undefined;
    if (cidr) cidrs.push(cidr);
    else problems.push(entry);
  }
  // A list of thousands of odd entries is named by its first few and counted, so the reason stays short.
  const unreadable = problems
    .slice(0, MAX_NAMED)
    .map((entry) => `${key} entry without a CIDR: ${describeValue(entry)}`);
  if (problems.length > MAX_NAMED)
    unreadable.push(`${problems.length - MAX_NAMED} more ${key} entries without a CIDR`);
  return { count: elements.length, cidrs, unreadable };
}

const MAX_NAMED = 5;
