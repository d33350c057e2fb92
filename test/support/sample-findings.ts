// Real findings to feed the output formats: every finding the demo published for the project's sample
// events in report and revoke mode (test/fixtures/demo-snapshot.json, written by the guard itself).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, FindingMessage } from '../../functions/core/findings/finding.js';

interface SnapshotEntry {
  published?: { subject: string; body: { default: string; email: string } }[];
}

const snapshot = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/demo-snapshot.json'), 'utf8'),
) as Record<string, SnapshotEntry>;

/**
 * Every published finding message of the snapshot: its sample name, subject and findings. Tamper
 * alerts (the tamper function's samples) are one alert each, not a finding document, and are left out.
 */
export const sampleMessages = Object.entries(snapshot).flatMap(([name, entry]) =>
  (entry.published ?? []).flatMap((m) => {
    const { findings } = JSON.parse(m.body.default) as Partial<FindingMessage>;
    return findings ? [{ name, subject: m.subject, findings }] : [];
  }),
);

export const sampleFindings: readonly Finding[] = sampleMessages.flatMap((m) => m.findings);

/** One sample finding per action type (revoked, would-revoke, failed...). */
export const findingPerAction = (): Map<string, Finding> => {
  const byAction = new Map<string, Finding>();
  for (const f of sampleFindings) if (!byAction.has(f.action.type)) byAction.set(f.action.type, f);
  return byAction;
};
