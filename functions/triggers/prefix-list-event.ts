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
  return ok({ kind: 'prefix-list', change: change.value });
}

/**
 * The guard's work for a trigger. A prefix list edit can open SSH on every group whose rules
 * reference the list, without any security group call: those groups are found with
 * GetManagedPrefixListAssociations and read whole, and the pipeline reads the list's entries afresh
 * and lays the event's own edit over them. Every other trigger's work needs no AWS call here.
 */
export async function toEventWork(work: GuardWork, ec2: Ec2Port): Promise<EventWork> {
  if (work.kind === 'nothing') return work;
  if (work.kind === 'rules') return { kind: 'guard', selection: work.selection };
  const { prefixListId } = work.change;
  const groupIds = await ec2.findPrefixListGroups(prefixListId);
  if (groupIds.length === 0)
    return { kind: 'nothing', reason: `no security group references ${prefixListId}` };
  return { kind: 'guard', selection: { kind: 'groups', groupIds }, prefixListChanges: [work.change] };
}
