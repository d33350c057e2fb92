import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import type { Ec2Port } from '../deps.js';
import type { Json, Parsed } from '../parse/json.js';
import { ok } from '../parse/json.js';
import { parsePrefixListChange } from '../parse/modify-prefix-list.js';
import type { EventWork } from './event-work.js';
import type { GuardWork } from './work.js';

/** ModifyManagedPrefixList → the edit; removing entries, renaming, resizing cannot open a port. */
export function parsePrefixListWork(detail: Json): Parsed<GuardWork> {
  const change = parsePrefixListChange(detail);
  if (!change.ok) return change;
  if (change.value.added.length === 0)
    return ok({ kind: 'nothing', reason: `the edit of ${change.value.prefixListId} added no entry` });
  const edit = change.value;
  return ok({
    kind: 'lookup',
    lookup: (ec2) => selectPrefixListGroups(edit.prefixListId, ec2, () => [edit]),
  });
}

/**
 * The guard's work for a trigger. A prefix list edit can open SSH on every group whose rules
 * reference the list, without any security group call: those groups are found with
 * GetManagedPrefixListAssociations and read whole, and the pipeline judges the list as it is now
 * (waiting, by a retry, while the edit is still settling). Every other trigger's work needs no AWS call here.
 */
export async function selectPrefixListGroups(
  prefixListId: string,
  ec2: Ec2Port,
  changes: () => Promise<readonly PrefixListChange[]> | readonly PrefixListChange[],
): Promise<EventWork> {
  const groupIds = await ec2.findPrefixListGroups(prefixListId);
  if (groupIds.length === 0)
    return { kind: 'nothing', reason: `no security group references ${prefixListId}` };
  const prefixListChanges = await changes();
  return {
    kind: 'guard',
    selection: { kind: 'groups', groupIds },
    ...(prefixListChanges.length > 0 ? { prefixListChanges } : {}),
  };
}
