/** Nearest-rank percentile (p in 0..100) of a sample; the sample need not be sorted. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export const median = (sample: readonly number[]): number => percentile(sample, 50);

export interface Spread {
  readonly n: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export function spreadOf(sample: readonly number[]): Spread {
  return {
    n: sample.length,
    min: Math.min(...sample),
    p50: percentile(sample, 50),
    p90: percentile(sample, 90),
    p99: percentile(sample, 99),
    max: Math.max(...sample),
  };
}

/** Milliseconds with a precision that suits them. */
export const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1));
