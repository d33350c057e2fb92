// ──────────────────────────────────────────────────────────────────────────────────────────────
// HOOK: sweep figures. The scheduled sweep is being built in another branch. When it lands, measure
// it here (e.g. accounts/regions/groups/rules swept per second against the loopback fake seeded with
// N groups × M rules, AWS calls per 1,000 rules, p50/p99 of a full-region sweep) and return the
// figures; scripts/bench.ts prints them and writes them into BENCHMARKS.md's "Sweep" section.
// ──────────────────────────────────────────────────────────────────────────────────────────────

export interface SweepFigures {
  /** Markdown rows `| figure | value |` for BENCHMARKS.md. */
  readonly rows: readonly [string, string][];
}

/** Undefined until the sweep exists; the report then says so instead of printing a figure. */
export async function measureSweep(
  _bundles: Readonly<Record<string, string>>,
): Promise<SweepFigures | undefined> {
  return undefined;
}
