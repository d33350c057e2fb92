import type { OrgAccount } from '../../org-deps.js';

/** What the scan does with each account it was told about, decided before any role is assumed. */
export type AccountChoice =
  | { readonly kind: 'scan'; readonly account: OrgAccount }
  | { readonly kind: 'skip'; readonly account: OrgAccount; readonly reason: string }
  /** Asked for by --accounts but not in the organisation: unreadable, never quietly dropped. */
  | { readonly kind: 'missing'; readonly account: OrgAccount; readonly reason: string };

export interface AccountFilter {
  /** Only these account ids (--accounts); every account when absent. */
  readonly only?: readonly string[];
  /** Never these (--exclude-accounts). */
  readonly exclude: readonly string[];
}

/**
 * Every account of the organisation appears once in the answer, scanned or with the reason it was
 * not: a suspended account, an excluded one. Ids named in --accounts that the organisation does not
 * hold appear too, so a typo cannot pass for a clean account.
 */
export function chooseAccounts(accounts: readonly OrgAccount[], filter: AccountFilter): AccountChoice[] {
  const only = filter.only ? new Set(filter.only) : undefined;
  const exclude = new Set(filter.exclude);
  const known = new Set(accounts.map((a) => a.id));
  const chosen: AccountChoice[] = [];
  for (const account of [...accounts].sort((a, b) => a.id.localeCompare(b.id))) {
    if (only && !only.has(account.id)) continue;
    if (exclude.has(account.id))
      chosen.push({ kind: 'skip', account, reason: 'excluded (--exclude-accounts)' });
    else if (account.state !== 'ACTIVE')
      chosen.push({ kind: 'skip', account, reason: `not active (${account.state})` });
    else chosen.push({ kind: 'scan', account });
  }
  for (const id of filter.only ?? []) {
    if (known.has(id) || exclude.has(id)) continue;
    chosen.push({
      kind: 'missing',
      account: { id, name: id, state: 'UNKNOWN' },
      reason: 'not an account of this organisation',
    });
  }
  return chosen;
}

const ACCOUNT_ID = /^\d{12}$/;

/** `--accounts 111111111111,222222222222` (repeatable): twelve-digit ids, or what is wrong. */
export function parseAccountIds(
  values: readonly string[],
  flag: string,
): { ok: true; value: string[] } | { ok: false; error: string } {
  const ids = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const bad = ids.find((id) => !ACCOUNT_ID.test(id));
  if (bad !== undefined) return { ok: false, error: `${flag} takes twelve-digit account ids, not '${bad}'` };
  return { ok: true, value: [...new Set(ids)] };
}
