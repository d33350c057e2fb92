import { describe, expect, it } from 'vitest';
import {
  describeTally,
  EMPTY_TALLY,
  orgProgressOn,
  tallyProgress,
} from '../../../functions/cli/org/org-progress.js';
import type { OrgProgress } from '../../../functions/cli/org/scan-organisation.js';
import type { RegionReport } from '../../../functions/core/findings/build-sweep-finding.js';

const report = (overrides: Partial<RegionReport> = {}): RegionReport => ({
  region: 'eu-west-1',
  status: 'swept',
  groups: 3,
  rules: 1200,
  violations: 2,
  actions: { 'would-revoke': 2, review: 3 },
  failures: 0,
  apiCalls: 2,
  durationMs: 10,
  ...overrides,
});
const regionDone = (r: RegionReport): OrgProgress => ({
  kind: 'sweep',
  accountId: '111111111111',
  progress: { kind: 'region-done', report: r, done: 1, total: 2 },
});
const EVENTS: OrgProgress[] = [
  { kind: 'accounts', total: 12 },
  regionDone(report()),
  regionDone(report({ region: 'us-east-1', status: 'failed', rules: 0, violations: 0, actions: {} })),
  {
    kind: 'account-done',
    scan: {
      status: 'unreachable',
      account: { id: '2', name: 'x', state: 'ACTIVE' },
      error: { code: 'AccessDenied', message: '' },
      apiCalls: 1,
    },
    done: 1,
    total: 12,
  },
];

describe('progress of the organisation scan', () => {
  it('adds up accounts done of the total, regions, rules judged, findings so far and what could not be read', () => {
    const tally = EVENTS.reduce(tallyProgress, EMPTY_TALLY);
    expect(describeTally(tally)).toBe(
      'accounts 1/12, regions 2, 1,200 rules judged, 5 findings (2 world-open), 2 unreadable',
    );
  });

  it('rewrites one line on a terminal and clears it at the end', () => {
    const written: string[] = [];
    const progress = orgProgressOn({ isTTY: true, write: (t: string) => written.push(t) });
    for (const event of EVENTS) progress.onProgress?.(event);
    progress.finish();
    expect(written.at(-2)).toBe(
      '\r\x1b[2Kscanning accounts 1/12, regions 2, 1,200 rules judged, 5 findings (2 world-open), 2 unreadable',
    );
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('writes nothing when no person is watching (piped or redirected)', () => {
    const written: string[] = [];
    const progress = orgProgressOn({ isTTY: false, write: (t: string) => written.push(t) });
    expect(progress.onProgress).toBeUndefined();
    progress.finish();
    expect(written).toEqual([]);
  });

  it('does not redraw for progress that changes no figure (pages being read)', () => {
    const written: string[] = [];
    const progress = orgProgressOn({ isTTY: true, write: (t: string) => written.push(t) });
    progress.onProgress?.({
      kind: 'sweep',
      accountId: '1',
      progress: { kind: 'rules-read', region: 'eu-west-1', rules: 1000 },
    });
    expect(written).toEqual([]);
  });
});
