/**
 * Writes test/fixtures/demo-snapshot.json: what every sample in events/ publishes, in report and in
 * revoke mode, through the demo's in-memory account. The snapshot was taken before the "one place per
 * concept" redesign; test/scripts/demo-snapshot.test.ts holds the code to it, so a refactor that
 * changes a verdict, a finding or its text fails. Re-run only when a change of behaviour is intended,
 * and say why in the commit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventFiles } from '../test/support/events.js';
import { runSample } from './demo.js';

export const SNAPSHOT_MODES = ['report', 'revoke'] as const;
export const SNAPSHOT_PATH = join(import.meta.dirname, '../test/fixtures/demo-snapshot.json');

export async function takeSnapshot(): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = {};
  for (const mode of SNAPSHOT_MODES) {
    for (const file of eventFiles().sort()) {
      const { result, published } = await runSample(file, mode);
      snapshot[`${mode} ${file}`] = { result, published };
    }
  }
  return snapshot;
}

if (process.argv.includes('--write')) {
  writeFileSync(SNAPSHOT_PATH, `${JSON.stringify(await takeSnapshot(), null, 1)}\n`);
  console.log(`wrote ${SNAPSHOT_PATH}`);
}
