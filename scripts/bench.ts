/**
 * `npm run bench`: measures the built bundles and the evaluator and prints the report (markdown) on
 * stdout. `npm run bench -- --write` also rewrites BENCHMARKS.md, the tracked copy: a run to look at
 * figures leaves the working tree clean. About a minute on a 2-core machine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { measureCallsPerEvent } from './bench/aws-calls.js';
import { measureCanaryWindow, renderCanarySection } from './bench/canary-window.js';
import { measureColdImports } from './bench/cold-import.js';
import { measureEvaluator } from './bench/evaluator.js';
import { measureHostJoin } from './bench/host-posture.js';
import { describeMachine } from './bench/machine.js';
import { measureOutputs, renderOutputsSection } from './bench/outputs.js';
import { measureRepeatCounter } from './bench/repeat-counter.js';
import { type Figures, renderReport } from './bench/report.js';
import { measureSweep } from './bench/sweep.js';
import { measureWarmLatency } from './bench/warm-latency.js';
import { orgScanSection, runOrgScanBenchmark } from './bench-org-scan.js';
import { buildBundles, ROOT } from './bundle.js';

const step = (what: string) => process.stderr.write(`bench: ${what}\n`);

/** `--write`: rewrite BENCHMARKS.md; anything else is refused rather than ignored. */
export function parseBenchArgs(argv: readonly string[]): 'write' | 'print' {
  const unknown = argv.filter((arg) => arg !== '--write');
  if (unknown.length > 0) throw new Error(`bench: unknown argument ${unknown[0]} (only --write)`);
  return argv.includes('--write') ? 'write' : 'print';
}

async function main(write: 'write' | 'print'): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  const dir = mkdtempSync(join(tmpdir(), 'ssh-ingress-guard-bench-'));
  try {
    step('building the bundles');
    const built = await buildBundles(dir);
    const files = Object.fromEntries(Object.entries(built.functions).map(([name, b]) => [name, b.file]));
    const bundles: Figures['bundles'] = Object.entries(built.functions).map(([name, b]) => ({
      name,
      zipPath: b.zipPath,
      bytes: b.bytes,
      deflatedBytes: deflateRawSync(readFileSync(b.file), { level: 9 }).length,
    }));
    step('cold import, 20 fresh processes per bundle');
    const coldImport = await measureColdImports(files);
    step('warm handler latency (guard)');
    const warm = await measureWarmLatency(files.guard as string);
    step('AWS calls per sample event');
    const calls = await measureCallsPerEvent(files);
    step('findings outputs (guard, each output on)');
    const outputs = await measureOutputs(files.guard as string);
    step('host posture: the host join on security group findings (guard)');
    const hostJoin = await measureHostJoin(files.guard as string);
    step('evaluator throughput');
    const evaluator = measureEvaluator();
    step('sweep (scripts/bench-sweep.ts)');
    const sweep = await measureSweep();
    step('organisation scan (scripts/bench-org-scan.ts)');
    const orgScan = orgScanSection(await runOrgScanBenchmark());
    step('repeat counter (scripts/bench/repeat-counter.ts)');
    const repeat = await measureRepeatCounter();
    const figures: Figures = {
      machine,
      bundles,
      buildMs: built.buildMs,
      coldImport,
      warm,
      calls,
      hostJoin,
      evaluator,
      sweep,
      repeat,
      benchSeconds: (performance.now() - started) / 1000,
      loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
    step('canary exposure window (canary and guard bundles, relay)');
    const canary = renderCanarySection(await measureCanaryWindow(files));
    const report = `${renderReport(figures).trimEnd()}

${canary.trimEnd()}

${orgScan}
${renderOutputsSection(outputs)}`;
    process.stdout.write(report);
    if (write === 'write') {
      writeFileSync(join(ROOT, 'BENCHMARKS.md'), report);
      step('wrote BENCHMARKS.md');
    } else step('BENCHMARKS.md left as it is (npm run bench -- --write rewrites it)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(parseBenchArgs(process.argv.slice(2)));
