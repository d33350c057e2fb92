import type { PrefixListInfo } from './prefix-list.js';

/** What a ModifyManagedPrefixList call changed, as the CloudTrail record states it. */
export interface PrefixListChange {
  readonly prefixListId: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** The list's version in the call's response, when the record has it. */
  readonly version?: number;
}

/**
 * Whether a read of the list may predate the edit the event reports. EC2 applies an edit
 * asynchronously (the response shows the list `modify-in-progress`): until the list settles at the
 * event's version or later, its entries are not yet what the edit made, and judging them could miss
 * what the edit opened. The guard never lays the event's edit over a read (a delayed event whose
 * world entry was removed since must revoke nothing): it judges the list's current version, and
 * waits for it when the read is older than the event.
 */
export function readPredatesEdit(list: PrefixListInfo, change: PrefixListChange): boolean {
  if (list.id !== change.prefixListId || list.entries === undefined) return false;
  if (list.state?.endsWith('-in-progress')) return true;
  return change.version !== undefined && list.version !== undefined && list.version < change.version;
}
