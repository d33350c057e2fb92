// Sweep figures, from the sweep's own benchmark (scripts/bench-sweep.ts, built with the sweep): a
// synthetic account swept by the real handler code and SDK adapter over a fake EC2 with a fixed
// latency per call. Change what is measured there; this only turns its figures into report rows.
import { runSweepBenchmark } from '../bench-sweep.js';

export interface SweepFigures {
  /** Markdown rows `| figure | value |` for BENCHMARKS.md. */
  readonly rows: readonly [string, string][];
}

export async function measureSweep(): Promise<SweepFigures> {
  const s = await runSweepBenchmark();
  const n = (value: number) => value.toLocaleString('en-US');
  const calls = Object.entries(s.callsByAction)
    .map(([action, count]) => `${action.replace(/Command$/, '')} ${n(count)}`)
    .join(', ');
  return {
    rows: [
      [
        'account',
        `${n(s.groups)} groups, ${n(s.rules)} rules, ${s.regions} regions; ${s.latencyMs} ms per EC2 call`,
      ],
      [
        'sweep wall time',
        `${n(s.sweepWallMs)} ms (${n(Math.round(s.rules / (s.sweepWallMs / 1000)))} rules/s)`,
      ],
      ['sweep CPU time', `${n(s.sweepCpuMs)} ms`],
      ['AWS calls', `${n(s.apiCalls)} (the minimum: ${n(s.expectedApiCalls)}); ${calls}`],
      ['rules revoked', n(s.revoked)],
      ['evaluateGroups CPU, cold / warm', `${n(s.evaluatorCpuMsCold)} / ${n(s.evaluatorCpuMsWarm)} ms`],
    ],
  };
}
