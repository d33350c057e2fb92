import { errorInfo } from '../adapters/aws-error.js';
import type { PolicySettings } from '../config/config.js';
import {
  buildSweepSummaryFinding,
  type RegionReport,
  type SweepTotals,
  totalSweep,
} from '../core/findings/build-sweep-finding.js';
import type { ErrorInfo, Finding } from '../core/findings/finding.js';
import type { Trigger } from '../core/model/trigger.js';
import type { Deps, RegionLister } from '../deps.js';
import { mapBounded } from './map-bounded.js';
import { publishFindings } from './publish-findings.js';
import { sweepRegion } from './sweep-region.js';

export interface SweepOptions {
  /** Regions to sweep; by default every region enabled for the account (DescribeRegions). */
  readonly regions?: readonly string[];
  /** Publish (the Lambda) or only return the findings (the scan CLI prints them). */
  readonly publish: boolean;
  readonly onProgress?: (progress: SweepProgress) => void;
}

export type SweepProgress =
  | { readonly kind: 'regions'; readonly regions: readonly string[] }
  | { readonly kind: 'rules-read'; readonly region: string; readonly rules: number }
  | {
      readonly kind: 'region-done';
      readonly report: RegionReport;
      readonly done: number;
      readonly total: number;
    };

export interface SweepResult {
  readonly regions: readonly RegionReport[];
  /** Rule findings and region failures, region by region; the summary is apart. */
  readonly findings: readonly Finding[];
  readonly summary: Finding;
  readonly totals: SweepTotals;
  readonly published: number;
}

/**
 * The scheduled sweep and the scan CLI: every rule of every region through the same pipeline as
 * events. Regions run concurrently up to a bound; a region that fails becomes a finding and the
 * sweep goes on. Each swept region's findings are published as it finishes; the summary and the
 * failed regions go out together at the end (one message, however many regions an SCP denies).
 */
export async function runSweep(
  trigger: Trigger,
  settings: PolicySettings,
  deps: Deps,
  options: SweepOptions,
): Promise<SweepResult> {
  const started = deps.now().getTime();
  const home = deps.ec2For(trigger.region);
  const callsMade = () => deps.callsIn?.(trigger.region) ?? 0;
  const listingCallsBefore = callsMade();
  const listing = await listRegions(home, options.regions, trigger.region);
  const listingApiCalls = callsMade() - listingCallsBefore;
  options.onProgress?.({ kind: 'regions', regions: listing.regions });
  let done = 0;
  let published = 0;
  const swept = await mapBounded(listing.regions, settings.sweep.regionConcurrency, async (region) => {
    const result = await sweepRegion({ ...trigger, region }, settings, deps, options.onProgress);
    if (options.publish && result.report.status === 'swept') {
      // Awaited first: `published += await ...` would read the total before regions interleave.
      const messages = await publishFindings(result.findings, deps.publisher);
      published += messages;
    }
    done += 1;
    options.onProgress?.({ kind: 'region-done', report: result.report, done, total: listing.regions.length });
    return result;
  });
  const figures = {
    regions: swept.map((s) => s.report),
    durationMs: deps.now().getTime() - started,
    listingApiCalls,
    ...(listing.error ? { listingError: listing.error } : {}),
  };
  const summary = buildSweepSummaryFinding({ ...figures, trigger, mode: settings.mode, now: deps.now() });
  const failures = swept.filter((s) => s.report.status === 'failed').flatMap((s) => s.findings);
  if (options.publish) published += await publishFindings([summary, ...failures], deps.publisher);
  return {
    regions: figures.regions,
    findings: swept.flatMap((s) => s.findings),
    summary,
    totals: totalSweep(figures),
    published,
  };
}

async function listRegions(
  home: RegionLister,
  given: readonly string[] | undefined,
  homeRegion: string,
): Promise<{ regions: readonly string[]; error?: ErrorInfo }> {
  if (given) return { regions: given };
  try {
    return { regions: await home.listRegions() };
  } catch (error) {
    // Without the list, the home region is still worth sweeping; the summary says what was missed.
    return { regions: [homeRegion], error: errorInfo(error) };
  }
}
