import type { ErrorInfo, Finding } from '../../core/findings/finding.js';
import type { Severity } from '../../core/policy/checks/check.js';
import type { AccountScan, OrgScanResult } from './scan-organisation.js';

/** How a finding is counted in the organisation's report. */
export type FindingVerdict = 'world-open' | 'aggregate' | 'review' | 'exempted' | 'other';
export const VERDICTS: readonly FindingVerdict[] = ['world-open', 'aggregate', 'review', 'exempted', 'other'];

export function verdictOf(finding: Finding): FindingVerdict {
  if (finding.action.type === 'exempted') return 'exempted';
  if (finding.checkId === 'ssh-world-open') return 'world-open';
  if (finding.checkId === 'ssh-aggregate-world-open') return 'aggregate';
  if (finding.checkId === 'ssh-public-source') return 'review';
  return 'other';
}

/** Something the scan could not read: a whole account, a region, or an account's region list. */
export interface Unreadable {
  readonly accountId: string;
  readonly accountName: string;
  /** Absent: the whole account. */
  readonly region?: string;
  readonly error: ErrorInfo;
}

/**
 * What an organisation scan counts. `violations` are world-open rules, exempted ones included (as the
 * single-account scan counts them); `apiCalls` include listing the organisation.
 */
export type OrgCount =
  | 'accounts'
  | 'scanned'
  | 'skipped'
  | 'unreachable'
  | 'regions'
  | 'groups'
  | 'rules'
  | 'findings'
  | 'violations'
  | 'apiCalls';

export type OrgTotals = Readonly<Record<OrgCount, number>> & {
  readonly byVerdict: Readonly<Record<FindingVerdict, number>>;
  readonly unreadable: readonly Unreadable[];
};

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Rule findings of a scanned account (region failures are counted as unreadable instead). */
export function ruleFindingsOf(scan: AccountScan): readonly Finding[] {
  return scan.status === 'scanned' ? scan.sweep.findings.filter((f) => f.resource.type !== 'region') : [];
}

export function totalOrganisation(result: OrgScanResult): OrgTotals {
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<FindingVerdict, number>;
  const unreadable: Unreadable[] = [];
  let regions = 0;
  let groups = 0;
  let rules = 0;
  let findings = 0;
  let violations = 0;
  let apiCalls = result.listingApiCalls;
  for (const scan of result.accounts) {
    const who = { accountId: scan.account.id, accountName: scan.account.name };
    if (scan.status === 'unreachable') unreadable.push({ ...who, error: scan.error });
    if (scan.status === 'skipped') continue;
    apiCalls += scan.apiCalls;
    if (scan.status !== 'scanned') continue;
    const listingError = scan.sweep.summary.action.error;
    if (listingError) unreadable.push({ ...who, region: 'region list', error: listingError });
    for (const r of scan.sweep.regions) {
      if (r.status === 'failed')
        unreadable.push({
          ...who,
          region: r.region,
          error: r.error ?? { code: 'UnknownError', message: '' },
        });
      else regions += 1;
      groups += r.groups;
      rules += r.rules;
      violations += r.violations;
    }
    for (const f of ruleFindingsOf(scan)) {
      byVerdict[verdictOf(f)] += 1;
      findings += 1;
    }
  }
  const count = (status: AccountScan['status']) => result.accounts.filter((a) => a.status === status).length;
  return {
    accounts: result.accounts.length,
    scanned: count('scanned'),
    skipped: count('skipped'),
    unreachable: count('unreachable'),
    regions,
    groups,
    rules,
    findings,
    violations,
    byVerdict,
    unreadable,
    apiCalls,
  };
}

/**
 * 0: everything was read and nothing is world-open; 1: everything was read and some rule is
 * world-open (exempted ones count, as in the single-account scan); 2: the scan could not run (usage, credentials, the account list); 3: some account or
 * region could not be read, whatever was found elsewhere (an incomplete scan never reads as clean).
 */
export const ORG_EXIT = { clean: 0, violations: 1, error: 2, incomplete: 3 } as const;

export function orgExitStatus(totals: OrgTotals): number {
  if (totals.unreadable.length > 0) return ORG_EXIT.incomplete;
  return totals.violations > 0 ? ORG_EXIT.violations : ORG_EXIT.clean;
}
