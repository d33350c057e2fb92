import { errorCode, errorMessage } from '../../adapters/aws-error.js';
import type { PolicySettings } from '../../config/config.js';
import type { ErrorInfo } from '../../core/findings/finding.js';
import type { ModePreview } from '../../core/remediation/mode-preview.js';
import type { OrgAccount, OrgScanDeps } from '../../org-deps.js';
import { mapBounded } from '../../pipeline/map-bounded.js';
import type { SweepProgress, SweepResult } from '../../pipeline/run-sweep.js';
import { type AccountChoice, type AccountFilter, chooseAccounts } from './account-selection.js';
import type { RoleChoice } from './account-session.js';
import { scanAccount } from './scan-account.js';

export interface OrgScanRequest {
  readonly role: RoleChoice;
  readonly accounts: AccountFilter;
  /** Regions to read in every account; by default each account's enabled regions (DescribeRegions). */
  readonly regions?: readonly string[];
  /** Where each account's regions are listed. */
  readonly homeRegion: string;
  readonly accountConcurrency: number;
  /** One id for the whole scan: finding ids stay stable per rule within it. */
  readonly scanId: string;
}

export type AccountScan =
  | {
      readonly status: 'scanned';
      readonly account: OrgAccount;
      readonly sweep: SweepResult;
      /** AssumeRole calls plus every EC2 call made in the account. */
      readonly apiCalls: number;
      /** By finding id: what each mode would do to the finding's rule. */
      readonly previews: ReadonlyMap<string, readonly ModePreview[]>;
    }
  | {
      readonly status: 'unreachable';
      readonly account: OrgAccount;
      readonly error: ErrorInfo;
      readonly apiCalls: number;
    }
  | { readonly status: 'skipped'; readonly account: OrgAccount; readonly reason: string };

export interface OrgScanResult {
  readonly accounts: readonly AccountScan[];
  /** ListAccounts pages. */
  readonly listingApiCalls: number;
  readonly durationMs: number;
}

export type OrgProgress =
  | { readonly kind: 'accounts'; readonly total: number }
  | { readonly kind: 'sweep'; readonly accountId: string; readonly progress: SweepProgress }
  | {
      readonly kind: 'account-done';
      readonly scan: AccountScan;
      readonly done: number;
      readonly total: number;
    };

/**
 * Every active account of the organisation through the sweep's own pipeline, in report mode, with a
 * read-only role assumed in each. Accounts run concurrently up to a bound, and each account's regions
 * up to the sweep's own bound. An account that cannot be reached is a value with its reason; the scan
 * goes on.
 */
export async function scanOrganisation(
  request: OrgScanRequest,
  settings: PolicySettings,
  deps: OrgScanDeps,
  onProgress?: (progress: OrgProgress) => void,
): Promise<OrgScanResult> {
  const started = deps.now().getTime();
  let listing: Awaited<ReturnType<OrgScanDeps['organizations']['listAccounts']>>;
  try {
    listing = await deps.organizations.listAccounts();
  } catch (cause) {
    // Nothing can be scanned without the list: the one failure that stops the scan.
    throw new Error(`cannot list the organisation's accounts (${errorCode(cause)}: ${errorMessage(cause)})`, {
      cause,
    });
  }
  const choices = chooseAccounts(listing.accounts, request.accounts);
  const toScan = choices.filter((c) => c.kind === 'scan');
  onProgress?.({ kind: 'accounts', total: toScan.length });
  let done = 0;
  const scanned = await mapBounded(toScan, request.accountConcurrency, async (choice) => {
    const scan = await scanAccount(choice.account, request, settings, deps, onProgress);
    done += 1;
    onProgress?.({ kind: 'account-done', scan, done, total: toScan.length });
    return scan;
  });
  const byId = new Map(scanned.map((s) => [s.account.id, s]));
  return {
    accounts: choices.map((c) => byId.get(c.account.id) ?? notScanned(c)),
    listingApiCalls: listing.apiCalls,
    durationMs: deps.now().getTime() - started,
  };
}

function notScanned(choice: AccountChoice): AccountScan {
  if (choice.kind === 'missing')
    return {
      status: 'unreachable',
      account: choice.account,
      error: { code: 'NotInOrganization', message: choice.reason },
      apiCalls: 0,
    };
  return { status: 'skipped', account: choice.account, reason: choice.kind === 'skip' ? choice.reason : '' };
}
