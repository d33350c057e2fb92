import type { Trigger } from '../model/trigger.js';
import { buildEventFinding } from './build-event-finding.js';
import type { ErrorInfo, Finding } from './finding.js';
import { sweepRegionFailed, sweepSummary, sweepSummaryHomeOnly } from './finding-kinds.js';

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

/** A region the sweep could not read or fix: its groups are unchecked, which must be visible. */
export function buildRegionFailureFinding(
  trigger: Trigger,
  error: ErrorInfo,
  mode: string,
  now: Date,
): Finding {
  return buildEventFinding({
    kind: sweepRegionFailed,
    summary: `The sweep could not check security groups in ${trigger.region} (${error.code}: ${error.message}); SSH exposure there is unknown.`,
    guidance: sweepRegionFailed.guidance({ region: trigger.region, code: error.code }),
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
  const kind = listingError ? sweepSummaryHomeOnly : sweepSummary;
  return buildEventFinding({
    kind,
    summary:
      `Swept ${regions.length - failed.length} of ${regions.length} regions: ${totals.groups} groups, ` +
      `${totals.rules} rules, ${totals.violations} violations${done.length ? ` (${done.join(', ')})` : ''}, ` +
      `${totals.failures} failed actions, ${totals.apiCalls} API calls, ${(input.durationMs / 1000).toFixed(1)} s.` +
      (notSwept.length ? ` Not swept: ${notSwept.join(', ')}.` : '') +
      listing,
    guidance: kind.guidance(undefined),
    trigger: input.trigger,
    mode: input.mode,
    now: input.now,
    resource: { type: 'account', details: { totals, regions, ...(listingError ? { listingError } : {}) } },
    ...(listingError ? { error: listingError } : {}),
  });
}
