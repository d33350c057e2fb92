import { type Finding, SCHEMA_VERSION } from '../../core/findings/finding.js';
import type { ModePreview } from '../../core/remediation/mode-preview.js';
import { renderTable } from '../render-table.js';
import type { OrgTotals } from './org-totals.js';
import type { OrgScanResult } from './scan-organisation.js';

/** For people: each scanned account's table as the single-account scan prints it, then what was not read. */
export function renderOrgTable(result: OrgScanResult, totals: OrgTotals): string {
  const parts: string[] = [];
  for (const scan of result.accounts) {
    if (scan.status !== 'scanned') continue;
    parts.push(`== ${scan.account.id} (${scan.account.name}) ==`, renderTable(scan.sweep));
  }
  if (totals.unreadable.length > 0) {
    parts.push('== not read ==');
    for (const u of totals.unreadable)
      parts.push(
        `${u.accountId} (${u.accountName})${u.region ? ` ${u.region}` : ''}: ${u.error.code}: ${u.error.message}`,
      );
    parts.push('');
  }
  const skipped = result.accounts.flatMap((s) =>
    s.status === 'skipped' ? [`${s.account.id} (${s.account.name}): ${s.reason}`] : [],
  );
  if (skipped.length > 0) parts.push('== not scanned ==', ...skipped, '');
  parts.push(describeTotals(totals), '');
  return parts.join('\n');
}

export function describeTotals(t: OrgTotals): string {
  const v = t.byVerdict;
  return (
    `Organisation: ${t.scanned} of ${t.accounts} accounts scanned (${t.unreachable} unreachable, ${t.skipped} not scanned), ` +
    `${t.regions} regions, ${t.groups} groups, ${t.rules} rules; ${t.findings} findings: ` +
    `${v['world-open']} world-open, ${v.aggregate} world-open in aggregate, ${v.review} for review, ${v.exempted} exempted; ` +
    `${t.unreadable.length} not read; ${t.apiCalls} API calls.`
  );
}

/**
 * The finding documents the guard publishes, every account's, with the sweep summaries; beside them
 * the organisation's accounts (with why any was not read) and, per finding id, what each mode would do.
 */
export function renderOrgJson(result: OrgScanResult, totals: OrgTotals): string {
  const findings: Finding[] = [];
  const modes: Record<string, readonly ModePreview[]> = {};
  const accounts = result.accounts.map((scan) => {
    const base = {
      id: scan.account.id,
      name: scan.account.name,
      state: scan.account.state,
      status: scan.status,
    };
    if (scan.status === 'skipped') return { ...base, reason: scan.reason };
    if (scan.status === 'unreachable') return { ...base, error: scan.error, apiCalls: scan.apiCalls };
    findings.push(...scan.sweep.findings, scan.sweep.summary);
    for (const [id, preview] of scan.previews) modes[id] = preview;
    return { ...base, regions: scan.sweep.regions, apiCalls: scan.apiCalls };
  });
  const document = {
    schemaVersion: SCHEMA_VERSION,
    product: 'ssh-ingress-guard',
    part: { index: 1, count: 1 },
    findings,
    organisation: { totals, accounts, modes },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
