import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import { describeValue, fail, type Json, num, obj, ok, type Parsed, str } from '../parse/json.js';
import { selectPrefixListGroups } from './prefix-list-event.js';
import type { GuardWork } from './work.js';

/** What a RestoreManagedPrefixListVersion call asked: bring `restored`'s entries back over `current`. */
export interface PrefixListRestore {
  readonly prefixListId: string;
  readonly restored?: number;
  readonly current?: number;
  /** Versions written in a shape that is not a version: reported, never a reason to judge less. */
  readonly unreadable?: readonly string[];
}

/**
 * RestoreManagedPrefixListVersion (PascalCase, XML-derived, like ModifyManagedPrefixList): the
 * request names the list, the version to restore (`PreviousVersion`) and the version it replaces
 * (`CurrentVersion`); versions may be written as numbers or strings. Only the list id is needed:
 * the list is judged as it is now, whatever version came back. The current version only says which
 * version a read must have reached.
 */
export function parsePrefixListRestore(record: Json): Parsed<PrefixListRestore> {
  const parameters = obj(record.requestParameters);
  const request = obj(parameters?.RestoreManagedPrefixListVersionRequest) ?? parameters;
  if (!request) return fail('requestParameters.RestoreManagedPrefixListVersionRequest missing');
  const response = obj(obj(record.responseElements)?.RestoreManagedPrefixListVersionResponse);
  const prefixListId = str(request.PrefixListId) ?? str(obj(response?.prefixList)?.prefixListId);
  if (!prefixListId) return fail('PrefixListId missing');
  const restored = version(request.PreviousVersion);
  const current = version(request.CurrentVersion);
  const unreadable = [
    ...notAVersion('PreviousVersion', request.PreviousVersion, restored),
    ...notAVersion('CurrentVersion', request.CurrentVersion, current),
  ];
  return ok({
    prefixListId,
    ...(restored !== undefined ? { restored } : {}),
    ...(current !== undefined ? { current } : {}),
    ...(unreadable.length > 0 ? { unreadable } : {}),
  });
}

const version = (value: unknown): number | undefined => {
  const n = num(value);
  return n !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};

/** A version that is there but cannot be read is named; one that is absent is not needed. */
const notAVersion = (key: string, raw: unknown, read: number | undefined): string[] =>
  read === undefined && raw !== undefined && raw !== null && raw !== ''
    ? [`${key} is not a version: ${describeValue(raw)}`]
    : [];

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
    lookup: (ec2) =>
      selectPrefixListGroups(restore.prefixListId, ec2, () => [restoredChange(restore)], restore.unreadable),
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
