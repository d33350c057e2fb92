import type { TextSink } from '../progress.js';
import type { OrgProgress } from './scan-organisation.js';

export interface OrgTally {
  accountsDone: number;
  accountsTotal: number;
  regionsDone: number;
  rulesJudged: number;
  findings: number;
  worldOpen: number;
  unreadable: number;
}

/** Adds one progress event to the running figures (pure over the tally, so it is tested alone). */
export function tallyProgress(tally: OrgTally, event: OrgProgress): OrgTally {
  switch (event.kind) {
    case 'accounts':
      return { ...tally, accountsTotal: event.total };
    case 'account-done':
      return {
        ...tally,
        accountsDone: event.done,
        unreadable: tally.unreadable + (event.scan.status === 'unreachable' ? 1 : 0),
      };
    case 'sweep': {
      const p = event.progress;
      if (p.kind !== 'region-done') return tally;
      const findings = Object.values(p.report.actions).reduce((n, c) => n + c, 0);
      return {
        ...tally,
        regionsDone: tally.regionsDone + 1,
        rulesJudged: tally.rulesJudged + p.report.rules,
        findings: tally.findings + findings,
        worldOpen: tally.worldOpen + p.report.violations,
        unreadable: tally.unreadable + (p.report.status === 'failed' ? 1 : 0),
      };
    }
  }
}

export const EMPTY_TALLY: OrgTally = {
  accountsDone: 0,
  accountsTotal: 0,
  regionsDone: 0,
  rulesJudged: 0,
  findings: 0,
  worldOpen: 0,
  unreadable: 0,
};

export function describeTally(t: OrgTally): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const unreadable = t.unreadable > 0 ? `, ${n(t.unreadable)} unreadable` : '';
  return `accounts ${n(t.accountsDone)}/${n(t.accountsTotal)}, regions ${n(t.regionsDone)}, ${n(t.rulesJudged)} rules judged, ${n(t.findings)} findings (${n(t.worldOpen)} world-open)${unreadable}`;
}

/**
 * One self-rewriting line on stderr while the organisation is scanned, only when a person is watching
 * (a TTY): piped or redirected output stays clean, like the single-account scan.
 */
export function orgProgressOn(stderr: TextSink): { onProgress?: (p: OrgProgress) => void; finish(): void } {
  if (!stderr.isTTY) return { finish() {} };
  let tally = EMPTY_TALLY;
  return {
    onProgress(event) {
      const before = tally;
      tally = tallyProgress(tally, event);
      if (tally !== before) stderr.write(`\r\x1b[2Kscanning ${describeTally(tally)}`);
    },
    finish() {
      stderr.write('\r\x1b[2K');
    },
  };
}
