import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildBundle } from '../../scripts/bundle.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the built guard.mjs, built once per test run (about half a second). */
    guardBundle: string;
  }
}

/** Builds the Lambda bundle once for the whole run; wire tests run it in child processes. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'ssh-ingress-guard-bundle-'));
  const bundle = await buildBundle(dir);
  project.provide('guardBundle', bundle.file);
  return () => rmSync(dir, { recursive: true, force: true });
}
