import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import type { Ec2Port } from '../deps.js';
import { fail, type Json, num, obj, ok, type Parsed, str } from '../parse/json.js';
import { selectPrefixListGroups } from './prefix-list-event.js';
import type { GuardWork } from './work.js';

/** What a RestoreManagedPrefixListVersion call asked: bring `restored`'s entries back over `current`. */
export interface PrefixListRestore {
  readonly prefixListId: string;
  readonly restored: number;
  readonly current?: number;
}

/**
 * RestoreManagedPrefixListVersion (PascalCase, XML-derived, like ModifyManagedPrefixList): the
 * request names the list, the version to restore (`PreviousVersion`) and the version it replaces
 * (`CurrentVersion`); versions may be written as numbers or strings.
 */
export function parsePrefixListRestore(record: Json): Parsed<PrefixListRestore> {
  const parameters = obj(record.requestParameters);
  const request = obj(parameters?.RestoreManagedPrefixListVersionRequest) ?? parameters;
  if (!request) return fail('requestParameters.RestoreManagedPrefixListVersionRequest missing');
  const response = obj(obj(record.responseElements)?.RestoreManagedPrefixListVersionResponse);
  const prefixListId = str(request.PrefixListId) ?? str(obj(response?.prefixList)?.prefixListId);
  if (!prefixListId) return fail('PrefixListId missing');
  const restored = version(request.PreviousVersion);
  if (restored === undefined)
    return fail(`PreviousVersion is not a version: ${JSON.stringify(request.PreviousVersion)}`);
  const current = version(request.CurrentVersion);
  return ok({ prefixListId, restored, ...(current !== undefined ? { current } : {}) });
}

const version = (value: unknown): number | undefined => {
  const n = num(value);
  return n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};

/**
 * A rollback can bring back a version that admitted the world, on every group that references the
 * list: handled like an edit. The restored entries are read from the version itself (EC2 keeps
 * versions), and laid over the fresh read as "added: the restored entries, removed: what only the
 * replaced version held", so the list judged is the restored one whether the read saw the list
 * before or after the restore completed.
 */
export function parseRestoreWork(detail: Json): Parsed<GuardWork> {
  const parsed = parsePrefixListRestore(detail);
  if (!parsed.ok) return parsed;
  const restore = parsed.value;
  return ok({
    kind: 'lookup',
    lookup: (ec2) => selectPrefixListGroups(restore.prefixListId, ec2, () => restoredChange(restore, ec2)),
  });
}

/** The restore as a change; none when the restored version cannot be read (the fresh read is judged). */
async function restoredChange(restore: PrefixListRestore, ec2: Ec2Port): Promise<PrefixListChange[]> {
  const added = await ec2.readPrefixListVersion(restore.prefixListId, restore.restored);
  if (!added) return [];
  const replaced =
    restore.current === undefined
      ? []
      : ((await ec2.readPrefixListVersion(restore.prefixListId, restore.current)) ?? []);
  const kept = new Set(added);
  return [
    { prefixListId: restore.prefixListId, added: [...added], removed: replaced.filter((e) => !kept.has(e)) },
  ];
}
