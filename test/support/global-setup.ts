import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildBundles } from '../../scripts/bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Built handler module of each serverless.yml function (guard, emrGuard...), built once per run. */
    bundles: Record<string, string>;
    /** The directory they were built into, laid out as in the zips. */
    bundleRoot: string;
  }
}

/** Builds the Lambda bundles once for the whole run (about a second); wire tests run them in child processes. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'ssh-ingress-guard-bundle-'));
  const built = await buildBundles(dir);
  project.provide('bundleRoot', dir);
  project.provide(
    'bundles',
    Object.fromEntries(Object.entries(built.functions).map(([name, b]) => [name, b.file])),
  );
  return () => rmSync(dir, { recursive: true, force: true });
}
