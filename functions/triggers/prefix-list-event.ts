import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import type { Ec2Port } from '../deps.js';
import type { Json, Parsed } from '../parse/json.js';
import { ok } from '../parse/json.js';
import { parsePrefixListChange, toPrefixListChange } from '../parse/modify-prefix-list.js';
import type { EventWork } from './event-work.js';
import type { GuardWork } from './work.js';

/**
 * ModifyManagedPrefixList → the groups that reference the list. Removing entries, renaming,
 * resizing cannot open a port; any addition, in whatever shape, can: the list is judged as it is
 * now, so its entries need not be read from the record, and one that cannot be is reported.
 */
export function parsePrefixListWork(detail: Json): Parsed<GuardWork> {
  const parsed = parsePrefixListChange(detail);
  if (!parsed.ok) return parsed;
  const { prefixListId, addition, unreadable } = parsed.value;
  if (addition === 'none')
    return ok({ kind: 'nothing', reason: `the edit of ${prefixListId} added no entry` });
  const change = toPrefixListChange(parsed.value);
  return ok({
    kind: 'lookup',
    lookup: (ec2) => selectPrefixListGroups(prefixListId, ec2, () => [change], unreadable),
  });
}

/**
 * The guard's work for a trigger. A prefix list edit can open SSH on every group whose rules
 * reference the list, without any security group call: those groups are found with
 * GetManagedPrefixListAssociations and read whole, and the pipeline judges the list as it is now
 * (waiting, by a retry, while the edit is still settling). What the record held that could not be
 * read rides along to the event's unparsed finding. Every other trigger's work needs no AWS call here.
 */
export async function selectPrefixListGroups(
  prefixListId: string,
  ec2: Ec2Port,
  changes: () => Promise<readonly PrefixListChange[]> | readonly PrefixListChange[],
  unreadable: readonly string[] = [],
): Promise<EventWork> {
  const groupIds = await ec2.findPrefixListGroups(prefixListId);
  if (groupIds.length === 0)
    return { kind: 'nothing', reason: `no security group references ${prefixListId}` };
  const prefixListChanges = await changes();
  return {
    kind: 'guard',
    selection: { kind: 'groups', groupIds, ...(unreadable.length > 0 ? { unreadable } : {}) },
    ...(prefixListChanges.length > 0 ? { prefixListChanges } : {}),
  };
}
