import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { TOPIC_ARN } from '../../test/support/guard-process.js';
import { median, type Spread, spreadOf } from './stats.js';

const run = promisify(execFile);

export interface ColdImport {
  /** `await import(bundle)` inside a fresh process: module load plus the cold-start code (config, clients). */
  readonly importMs: Spread;
  /** CPU time (user + system) of the same import: what contention from other processes cannot inflate. */
  readonly importCpuMs: Spread;
  /** Spawn to exit of the same processes, for scale. */
  readonly processMs: Spread;
  /** Median spawn to exit of `node -e ''` on this machine: what any process costs. */
  readonly emptyProcessMs: number;
}

const ENV = {
  TOPIC_ARN,
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  // What the tamper and canary functions validate at cold start (the stack sets them).
  FINDINGS_KEY_ARN: 'arn:aws:kms:eu-west-1:123456789012:key/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  SWEEP_SCHEDULE: 'rate(6 hours)',
  CANARY_GROUP_ID: 'sg-0c0ffee0c0ffee001',
};

async function timeProcess(args: string[]): Promise<{ wallMs: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, args, { env: ENV });
  return { wallMs: performance.now() - started, stdout };
}

/**
 * Imports each bundle in `runs` fresh processes, one process at a time, the bundles taking turns so
 * that whatever else the machine is doing weighs on all of them alike.
 */
export async function measureColdImports(
  bundles: Readonly<Record<string, string>>,
  runs = 20,
): Promise<Record<string, ColdImport>> {
  const samples = new Map(
    Object.keys(bundles).map((name) => [
      name,
      { imports: [] as number[], cpus: [] as number[], walls: [] as number[] },
    ]),
  );
  for (let i = 0; i < runs; i++) {
    for (const [name, bundle] of Object.entries(bundles)) {
      const url = JSON.stringify(pathToFileURL(bundle).href);
      const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${url}); const u = process.cpuUsage(c); process.stdout.write(JSON.stringify([performance.now() - t, (u.user + u.system) / 1000]));`;
      const { wallMs, stdout } = await timeProcess(['--input-type=module', '-e', script]);
      const [importMs, cpuMs] = JSON.parse(stdout) as [number, number];
      const s = samples.get(name) as { imports: number[]; cpus: number[]; walls: number[] };
      s.imports.push(importMs);
      s.cpus.push(cpuMs);
      s.walls.push(wallMs);
    }
  }
  const empty: number[] = [];
  for (let i = 0; i < 5; i++) empty.push((await timeProcess(['-e', ''])).wallMs);
  return Object.fromEntries(
    [...samples].map(([name, s]) => [
      name,
      {
        importMs: spreadOf(s.imports),
        importCpuMs: spreadOf(s.cpus),
        processMs: spreadOf(s.walls),
        emptyProcessMs: median(empty),
      },
    ]),
  );
}
