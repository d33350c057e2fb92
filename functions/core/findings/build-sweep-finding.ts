import type { Trigger } from '../model/trigger.js';
import { buildEventFinding } from './build-event-finding.js';
import type { ErrorInfo, Finding } from './finding.js';

/** The figures a sweep adds up, per region and in total. */
interface SweepFigures {
  readonly groups: number;
  readonly rules: number;
  readonly violations: number;
  readonly actions: Readonly<Record<string, number>>;
  /** Remediations that failed (a revoke denied by an SCP...); a region that failed is `status`. */
  readonly failures: number;
  readonly apiCalls: number;
  readonly durationMs: number;
}

/** What a sweep did in one region: the figures of the summary finding. */
export interface RegionReport extends SweepFigures {
  readonly region: string;
  readonly status: 'swept' | 'failed';
  readonly error?: ErrorInfo;
}

const NOT_ENABLED = ['OptInRequired', 'AuthFailure', 'UnrecognizedClientException', 'InvalidClientTokenId'];
const DENIED = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'];

function regionGuidance(region: string, code: string): string {
  const byHand = `Check it by hand with \`ssh-ingress-guard scan --region ${region}\`.`;
  if (NOT_ENABLED.includes(code))
    return `The region does not accept the guard's credentials; it is usually not enabled for the account (opt-in). If it is meant to be enabled, enable it; a region that is not enabled cannot hold security groups. ${byHand}`;
  if (DENIED.includes(code))
    return `The guard's role may not read or change security groups in ${region}: an SCP or permission boundary denies it. If the region is denied on purpose, nothing can be opened there; otherwise allow the guard's actions. ${byHand}`;
  return `The sweep will try again at its next run. If the error persists, check the guard's logs. ${byHand}`;
}

/** A region the sweep could not read or fix: its groups are unchecked, which must be visible. */
export function buildRegionFailureFinding(
  trigger: Trigger,
  error: ErrorInfo,
  mode: string,
  now: Date,
): Finding {
  return buildEventFinding({
    checkId: 'sweep-region-failed',
    severity: 'high',
    title: 'Region not swept',
    summary: `The sweep could not check security groups in ${trigger.region} (${error.code}: ${error.message}); SSH exposure there is unknown.`,
    guidance: regionGuidance(trigger.region, error.code),
    trigger,
    mode,
    now,
    resource: { type: 'region', details: { region: trigger.region } },
    action: 'failed',
    error,
    subject: trigger.region,
  });
}

export interface SweepSummaryInput {
  readonly trigger: Trigger;
  readonly regions: readonly RegionReport[];
  readonly mode: string;
  readonly now: Date;
  readonly durationMs: number;
  /** Calls made before any region was swept (DescribeRegions). */
  readonly listingApiCalls: number;
  /** Why the region list could not be read, when only the home region was swept. */
  readonly listingError?: ErrorInfo;
}

export interface SweepTotals extends SweepFigures {
  readonly regions: number;
  readonly regionsFailed: number;
}

export function totalSweep(input: Omit<SweepSummaryInput, 'trigger' | 'mode' | 'now'>): SweepTotals {
  const { regions } = input;
  const sum = (pick: (r: RegionReport) => number) => regions.reduce((total, r) => total + pick(r), 0);
  const actions: Record<string, number> = {};
  for (const r of regions) for (const [k, n] of Object.entries(r.actions)) actions[k] = (actions[k] ?? 0) + n;
  return {
    regions: regions.length,
    regionsFailed: regions.filter((r) => r.status === 'failed').length,
    groups: sum((r) => r.groups),
    rules: sum((r) => r.rules),
    violations: sum((r) => r.violations),
    actions,
    failures: sum((r) => r.failures),
    apiCalls: sum((r) => r.apiCalls) + input.listingApiCalls,
    durationMs: input.durationMs,
  };
}

/** One record per sweep: per region, what was read, found, done and what it cost. */
export function buildSweepSummaryFinding(input: SweepSummaryInput): Finding {
  const { regions, listingError } = input;
  const totals = totalSweep(input);
  const failed = regions.filter((r) => r.status === 'failed');
  const actions = totals.actions;
  const done = Object.entries(actions).map(([k, n]) => `${k} ${n}`);
  const notSwept = failed.map((r) => `${r.region} (${r.error?.code ?? 'error'})`);
  const listing = listingError
    ? ` The region list could not be read (${listingError.code}): only ${input.trigger.region} was swept.`
    : '';
  return buildEventFinding({
    checkId: 'sweep-summary',
    severity: listingError ? 'high' : 'info',
    title: 'Sweep summary',
    summary:
      `Swept ${regions.length - failed.length} of ${regions.length} regions: ${totals.groups} groups, ` +
      `${totals.rules} rules, ${totals.violations} violations${done.length ? ` (${done.join(', ')})` : ''}, ` +
      `${totals.failures} failed actions, ${totals.apiCalls} API calls, ${(input.durationMs / 1000).toFixed(1)} s.` +
      (notSwept.length ? ` Not swept: ${notSwept.join(', ')}.` : '') +
      listing,
    guidance:
      'Nothing to do for this message: it records the sweep. Each violation and each region that could not be swept has its own finding.',
    trigger: input.trigger,
    mode: input.mode,
    now: input.now,
    resource: { type: 'account', details: { totals, regions, ...(listingError ? { listingError } : {}) } },
    ...(listingError ? { error: listingError } : {}),
  });
}
