import { applyPrefixListChange, type PrefixListChange } from '../core/model/prefix-list-change.js';
import type { PrefixListInfo } from '../core/policy/classify-source.js';
import type { ListLookup } from '../deps.js';

/**
 * Reads each wanted prefix list once per invocation (a sweep references the same lists from thousands
 * of rules). `known` holds what needs no read (the EC2 Instance Connect lists already looked up);
 * entries of every other list are read afresh each time, because they change between events.
 */
export async function loadPrefixLists(
  wanted: readonly string[],
  lists: Pick<ListLookup, 'readPrefixLists'>,
  known: readonly PrefixListInfo[] = [],
  changes: readonly PrefixListChange[] = [],
): Promise<ReadonlyMap<string, PrefixListInfo>> {
  const loaded = new Map(known.map((list) => [list.id, list]));
  const missing = wanted.filter((id) => !loaded.has(id));
  if (missing.length === 0) return loaded;
  for (const list of await lists.readPrefixLists(missing)) {
    // An edit the event reported wins over a read that may predate it.
    loaded.set(list.id, changes.reduce(applyPrefixListChange, list));
  }
  return loaded;
}
