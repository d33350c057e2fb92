import type { PrefixListInfo } from '../core/model/prefix-list.js';
import { type PrefixListChange, readPredatesEdit } from '../core/model/prefix-list-change.js';
import type { ListLookup } from '../deps.js';

/**
 * A list read before the edit its event reports had settled. Thrown, because a retry fixes it: Lambda
 * delivers the event again a minute later, when the list holds what the edit made.
 */
export class PrefixListSettlingError extends Error {
  override readonly name = 'PrefixListSettlingError';
}

/**
 * Reads each wanted prefix list once per invocation (a sweep references the same lists from thousands
 * of rules). `known` holds what needs no read (the EC2 Instance Connect lists already looked up);
 * entries of every other list are read afresh each time, because they change between events. A list
 * an event edited is judged at its current version, never with the event's edit laid over it.
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
    const pending = changes.find((change) => readPredatesEdit(list, change));
    if (pending)
      throw new PrefixListSettlingError(
        `${list.id} is at version ${list.version ?? '?'} (${list.state ?? 'state unknown'}), older than the edit at version ${pending.version ?? '?'}: retrying once it settles`,
      );
    loaded.set(list.id, list);
  }
  return loaded;
}
