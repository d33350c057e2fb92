import { canonicalCidr } from './cidr.js';
import type { PrefixListInfo } from './prefix-list.js';

/** What a ModifyManagedPrefixList call changed, as the CloudTrail record states it. */
export interface PrefixListChange {
  readonly prefixListId: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * EC2 applies a prefix list edit asynchronously (the event shows the list `modify-in-progress`), so
 * entries read right after the event may still be the old version. The event says what changed, so
 * the entries judged are those read, less what it removed, plus what it added: the same result
 * whether the read saw the old version or the new one.
 */
export function applyPrefixListChange(list: PrefixListInfo, change: PrefixListChange): PrefixListInfo {
  if (list.id !== change.prefixListId || !list.entries) return list;
  const added = new Set(change.added.map(canonicalCidr));
  const removed = new Set(change.removed.map(canonicalCidr));
  const kept = list.entries.filter((e) => !removed.has(canonicalCidr(e)) || added.has(canonicalCidr(e)));
  const present = new Set(kept.map(canonicalCidr));
  const missing = change.added.filter((e) => !present.has(canonicalCidr(e)));
  return { ...list, entries: [...kept, ...missing] };
}
