/**
 * `npm run bench`: measures the built bundle and the evaluator, writes BENCHMARKS.md and prints the
 * figures against the targets. About a minute on a 2-core machine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { measureCallsPerEvent } from './bench/aws-calls.js';
import { measureColdImport } from './bench/cold-import.js';
import { measureEvaluator } from './bench/evaluator.js';
import { describeMachine } from './bench/machine.js';
import { type Figures, renderReport } from './bench/report.js';
import { measureSweep } from './bench/sweep.js';
import { measureWarmLatency } from './bench/warm-latency.js';
import { buildBundle, ROOT } from './bundle.js';

const step = (what: string) => process.stderr.write(`bench: ${what}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const machine = describeMachine();
  const dir = mkdtempSync(join(tmpdir(), 'ssh-ingress-guard-bench-'));
  try {
    step('building the bundle');
    const built = await buildBundle(dir);
    const deflatedBytes = deflateRawSync(readFileSync(built.file), { level: 9 }).length;
    step('cold import, 20 fresh processes');
    const coldImport = await measureColdImport(built.file);
    step('warm handler latency');
    const warm = await measureWarmLatency(built.file);
    step('AWS calls per sample event');
    const calls = await measureCallsPerEvent(built.file);
    step('evaluator throughput');
    const evaluator = measureEvaluator();
    const sweep = await measureSweep(built.file);
    const figures: Figures = {
      machine,
      bundle: { bytes: built.bytes, deflatedBytes, buildMs: built.buildMs },
      coldImport,
      warm,
      calls,
      evaluator,
      ...(sweep ? { sweep } : {}),
      benchSeconds: (performance.now() - started) / 1000,
      loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
    const report = renderReport(figures);
    writeFileSync(join(ROOT, 'BENCHMARKS.md'), report);
    const summary = report.slice(report.indexOf('## Against the targets'), report.indexOf('## Bundle'));
    process.stdout.write(`${summary}\nWrote BENCHMARKS.md\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
