import type { PrefixListChange } from '../core/model/prefix-list-change.js';
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
 * list: handled like an edit. As for an edit, the list is judged as it is now, never with the
 * restored entries laid over a read (a rollback undone since must revoke nothing); while the read
 * is older than the version the restore makes (the request's current version plus one), the
 * pipeline waits for it by a retry.
 */
export function parseRestoreWork(detail: Json): Parsed<GuardWork> {
  const parsed = parsePrefixListRestore(detail);
  if (!parsed.ok) return parsed;
  const restore = parsed.value;
  return ok({
    kind: 'lookup',
    lookup: (ec2) => selectPrefixListGroups(restore.prefixListId, ec2, () => [restoredChange(restore)]),
  });
}

/** The restore as a change of the list: the version it makes, which a read must have reached. */
function restoredChange(restore: PrefixListRestore): PrefixListChange {
  return {
    prefixListId: restore.prefixListId,
    added: [],
    removed: [],
    ...(restore.current !== undefined ? { version: restore.current + 1 } : {}),
  };
}
