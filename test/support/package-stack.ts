// `osls package` of serverless.yml, offline (no credentials, no network). No vitest import: the
// globalSetup runs this in the main vitest process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '../..');
export const SERVICE = 'ssh-ingress-guard';
export const STAGE = 'prod';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Directory of the packaged home stack, set by package-stack.global.ts (absent when skipped). */
    packagedDir: string;
  }
}

/** `params` are serverless.yml params (`--param=name=value`), e.g. `{ mode: 'report' }`. */
export async function packageStack(outDir: string, params: Record<string, string> = {}): Promise<void> {
  const osls = join(ROOT, 'node_modules/osls/bin/serverless.js');
  const paramArgs = Object.entries(params).map(([name, value]) => `--param=${name}=${value}`);
  const args = [osls, 'package', '--package', outDir, '--stage', STAGE, ...paramArgs];
  await promisify(execFile)(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
    maxBuffer: 16 * 1024 * 1024,
  });
}
