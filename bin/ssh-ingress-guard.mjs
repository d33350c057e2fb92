#!/usr/bin/env node
// The scan CLI runs as a JavaScript bundle in dist/cli/, built from functions/ with the Lambda's
// esbuild options. `npm ci` builds it (the `prepare` script); when it is missing, or a source is
// newer than it (a `git pull`, an edit), this file builds it first, so the command always runs the
// code in the working tree. dist/ is never committed.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = join(ROOT, 'dist/cli/ssh-ingress-guard.mjs');
/** What the bundle is built from: the code, the esbuild options and the locked dependencies. */
const INPUTS = [
  'functions',
  'serverless.yml',
  'package-lock.json',
  'scripts/bundle.ts',
  'scripts/esbuild-plugins.cjs',
];

function newestInput() {
  let newest = 0;
  for (const input of INPUTS) {
    const path = join(ROOT, input);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    const files = stat.isDirectory()
      ? readdirSync(path, { recursive: true }).map((f) => join(path, f))
      : [path];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const built = statSync(BUNDLE, { throwIfNoEntry: false });
  if (built && built.mtimeMs >= newestInput()) return;
  // tsx and esbuild are devDependencies: present in any clone after `npm ci`.
  const tsx = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/cli.mjs');
  const build = spawnSync(process.execPath, [tsx, 'scripts/build-cli.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (build.status !== 0) {
    process.stderr.write(
      `ssh-ingress-guard: could not build the CLI (npm run build:cli): ${String(build.stderr).trim()}\n`,
    );
    process.exit(2);
  }
}

// The CLI supports Node 20 (package.json engines); the SDK's notice about it is noise on a terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
try {
  ensureBuilt();
  const { main } = await import(pathToFileURL(BUNDLE).href);
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
} catch (error) {
  process.stderr.write(`ssh-ingress-guard: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
