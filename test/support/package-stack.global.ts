// vitest globalSetup: package serverless.yml once per run for the test/infra files (see
// packaged-stack.ts). Skipped when the command line names only other tests, so `vitest run test/core`
// stays fast; if the guess is wrong the infra tests package for themselves.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { packageStack, ROOT } from './package-stack';

const COMMANDS = new Set(['run', 'watch', 'dev', 'related']);

function infraTestsSelected(argv: string[]): boolean {
  const filters = argv.slice(2).filter((arg) => !arg.startsWith('-') && !COMMANDS.has(arg));
  if (filters.length === 0) return true;
  const infraFiles = readdirSync(join(ROOT, 'test/infra')).map((file) => `test/infra/${file}`);
  return filters.some((filter) => infraFiles.some((file) => file.includes(filter)));
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!infraTestsSelected(process.argv)) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'sig-package-'));
  await packageStack(dir);
  project.provide('packagedDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
