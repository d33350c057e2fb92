import type { Ec2Port } from '../deps.js';
import type { Json, Parsed } from '../parse/json.js';
import { ok } from '../parse/json.js';
import { parsePrefixListChange } from '../parse/modify-prefix-list.js';
import type { EventWork } from './event-work.js';

/**
 * A prefix list edit can open SSH on every group whose rules reference the list, without any
 * security group call. The groups are found with GetManagedPrefixListAssociations and read whole;
 * the pipeline reads the list's entries afresh and lays the event's own edit over them.
 */
export async function selectFromPrefixListEvent(record: Json, ec2: Ec2Port): Promise<Parsed<EventWork>> {
  const change = parsePrefixListChange(record);
  if (!change.ok) return change;
  const { prefixListId, added } = change.value;
  // Removing entries, renaming, resizing: nothing that can open a port, so no AWS call at all.
  if (added.length === 0)
    return ok({ kind: 'nothing', reason: `the edit of ${prefixListId} added no entry` });
  const groupIds = await ec2.findPrefixListGroups(prefixListId);
  if (groupIds.length === 0) {
    return ok({ kind: 'nothing', reason: `no security group references ${prefixListId}` });
  }
  return ok({ kind: 'guard', selection: { kind: 'groups', groupIds }, prefixListChanges: [change.value] });
}
