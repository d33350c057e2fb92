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
};

async function timeProcess(args: string[]): Promise<{ wallMs: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, args, { env: ENV });
  return { wallMs: performance.now() - started, stdout };
}

/** Imports the bundle in `runs` fresh processes, one after another (no contention between them). */
export async function measureColdImport(bundle: string, runs = 20): Promise<ColdImport> {
  const url = JSON.stringify(pathToFileURL(bundle).href);
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${url}); const u = process.cpuUsage(c); process.stdout.write(JSON.stringify([performance.now() - t, (u.user + u.system) / 1000]));`;
  const imports: number[] = [];
  const cpus: number[] = [];
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { wallMs, stdout } = await timeProcess(['--input-type=module', '-e', script]);
    const [importMs, cpuMs] = JSON.parse(stdout) as [number, number];
    imports.push(importMs);
    cpus.push(cpuMs);
    walls.push(wallMs);
  }
  const empty: number[] = [];
  for (let i = 0; i < 5; i++) empty.push((await timeProcess(['-e', ''])).wallMs);
  return {
    importMs: spreadOf(imports),
    importCpuMs: spreadOf(cpus),
    processMs: spreadOf(walls),
    emptyProcessMs: median(empty),
  };
}
