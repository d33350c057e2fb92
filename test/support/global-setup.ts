// vitest globalSetup: build every function's bundle once per run for the wire tests (test/wire/).
// Skipped when the command line names only other tests, so `vitest run test/core` stays fast.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildBundles, ROOT } from '../../scripts/bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Built handler module of each serverless.yml function (guard, emrGuard...), built once per run. */
    bundles: Record<string, string>;
    /** The directory they were built into, laid out as in the zips. */
    bundleRoot: string;
  }
}

const COMMANDS = new Set(['run', 'watch', 'dev', 'related']);

function wireTestsSelected(argv: string[]): boolean {
  const filters = argv.slice(2).filter((arg) => !arg.startsWith('-') && !COMMANDS.has(arg));
  if (filters.length === 0) return true;
  const wireFiles = readdirSync(join(ROOT, 'test/wire')).map((file) => `test/wire/${file}`);
  return filters.some((filter) => wireFiles.some((file) => file.includes(filter)));
}

/** Builds the Lambda bundles (about a second); wire tests run them in child processes. */
export default async function setup(project: TestProject) {
  if (!wireTestsSelected(process.argv)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ssh-ingress-guard-bundle-'));
  const built = await buildBundles(dir);
  project.provide('bundleRoot', dir);
  project.provide(
    'bundles',
    Object.fromEntries(Object.entries(built.functions).map(([name, b]) => [name, b.file])),
  );
  return () => rmSync(dir, { recursive: true, force: true });
}
