import { subtractPorts, watchedPortsIn } from '../model/port-range.js';
import type { PortRange } from '../model/rule.js';

/**
 * EMR Block Public Access for one region (account-wide there). When it is on, EMR refuses to launch
 * a cluster whose groups allow public inbound traffic, except on the permitted ranges; AWS permits
 * port 22 by default, which is exactly the hole this guard watches.
 */
export interface BlockPublicAccess {
  readonly blockPublicSecurityGroupRules: boolean;
  readonly permittedRanges: readonly PortRange[];
  /** Other fields EMR returned, passed back unchanged when the guard writes the configuration. */
  readonly passthrough?: Readonly<Record<string, unknown>>;
}

export type BlockPublicAccessAssessment =
  | { readonly status: 'protected' }
  | { readonly status: 'off' }
  | { readonly status: 'permits-watched'; readonly ports: readonly number[] };

/** Pure: whether the region's setting lets EMR launch a cluster with world-open watched ports. */
export function assessBlockPublicAccess(
  bpa: BlockPublicAccess,
  watchedPorts: readonly number[],
): BlockPublicAccessAssessment {
  if (!bpa.blockPublicSecurityGroupRules) return { status: 'off' };
  const ports = [
    ...new Set(bpa.permittedRanges.flatMap((range) => watchedPortsIn(range, watchedPorts))),
  ].sort((a, b) => a - b);
  return ports.length > 0 ? { status: 'permits-watched', ports } : { status: 'protected' };
}

/** The permitted ranges with the watched ports cut out; every other port stays permitted. */
export function rangesWithout(ranges: readonly PortRange[], ports: readonly number[]): PortRange[] {
  return ranges.flatMap((range) => subtractPorts(range, ports));
}

export type BlockPublicAccessPlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'would-fix'; readonly ranges: readonly PortRange[] }
  | { readonly kind: 'fix'; readonly ranges: readonly PortRange[] };

/**
 * Decide, then act: the opt-in fix only removes watched ports from the permitted ranges of a region
 * where Block Public Access is on. Turning it on is left to people (it blocks every public port for
 * every new cluster, which can break workloads); report mode never writes.
 */
export function planBlockPublicAccessFix(
  bpa: BlockPublicAccess,
  assessment: BlockPublicAccessAssessment,
  options: { readonly fix: boolean; readonly report: boolean; readonly watchedPorts: readonly number[] },
): BlockPublicAccessPlan {
  if (assessment.status !== 'permits-watched' || !options.fix) return { kind: 'none' };
  const ranges = rangesWithout(bpa.permittedRanges, options.watchedPorts);
  return options.report ? { kind: 'would-fix', ranges } : { kind: 'fix', ranges };
}

export function describeRanges(ranges: readonly PortRange[]): string {
  if (ranges.length === 0) return 'none';
  return ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(', ');
}

/** One line for findings, e.g. `on, permitted public ports: 22` or `off`. */
export function describeBlockPublicAccess(bpa: BlockPublicAccess): string {
  if (!bpa.blockPublicSecurityGroupRules) return 'off';
  return `on, permitted public ports: ${describeRanges(bpa.permittedRanges)}`;
}
