import type { Finding } from '../core/findings/finding.js';
import { portsText } from '../core/findings/ports-text.js';
import type { ModePreview } from '../core/remediation/mode-preview.js';
import { type GroupExposure, rankGroups } from './org/org-groups.js';
import { type OrgTotals, verdictOf } from './org/org-totals.js';
import {
  esc,
  renderAccountChart,
  renderVerdictChart,
  VERDICT_COLOUR,
  VERDICT_LABEL,
} from './org/render-charts.js';
import type { OrgScanResult } from './org/scan-organisation.js';

export interface HtmlReportContext {
  readonly generatedAt: string;
  readonly role: string;
  readonly watchedPorts: readonly number[];
}

/**
 * One HTML file a person can open or mail: no script, no external asset (inline CSS and SVG), and a
 * content security policy that forbids both anyway. Every string that came from AWS (account and
 * group names, descriptions) is escaped: whoever can edit a group can write its description.
 */
export function renderHtml(result: OrgScanResult, totals: OrgTotals, ctx: HtmlReportContext): string {
  const groups = rankGroups(result);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SSH exposure across the organisation - ssh-ingress-guard</title>
<style>${STYLE}</style></head>
<body>
<header><h1>SSH exposure across the organisation</h1>
<p>ssh-ingress-guard scan, report mode (nothing was changed). Generated ${esc(ctx.generatedAt)}; role ${esc(ctx.role)}; watched ports ${esc(ctx.watchedPorts.join(', '))}.</p></header>
${renderTotals(totals)}
${renderUnreadable(totals)}
<section><h2>Findings by verdict</h2>${renderVerdictChart(totals)}</section>
<section><h2>Findings by account</h2>${renderAccountChart(result)}</section>
<section><h2>Security groups, worst first</h2>
${groups.length === 0 ? '<p class="none">No SSH exposure found in the accounts read.</p>' : groups.map((g, i) => renderGroup(g, i < 10)).join('\n')}
</section>
${renderSkipped(result)}
</body></html>
`;
}

function renderTotals(t: OrgTotals): string {
  const card = (value: number, label: string, tone = '') =>
    `<div class="card ${tone}"><b>${value.toLocaleString('en-US')}</b><span>${esc(label)}</span></div>`;
  return `<section class="cards">
${card(t.scanned, `of ${t.accounts} accounts scanned`)}
${card(t.unreadable.length, 'accounts or regions not read', t.unreadable.length > 0 ? 'bad' : 'good')}
${card(t.regions, 'regions read')}
${card(t.rules, 'rules judged')}
${card(t.byVerdict['world-open'] + t.byVerdict.aggregate, 'world-open', 'bad')}
${card(t.byVerdict.review, 'for review', 'warn')}
${card(t.byVerdict.exempted, 'exempted')}
</section>`;
}

function renderUnreadable(t: OrgTotals): string {
  if (t.unreadable.length === 0) return '';
  const rows = t.unreadable
    .map(
      (u) =>
        `<tr><td>${esc(u.accountId)}</td><td>${esc(u.accountName)}</td><td>${esc(u.region ?? 'whole account')}</td><td><code>${esc(u.error.code)}</code> ${esc(u.error.message)}</td></tr>`,
    )
    .join('\n');
  return `<section class="alert"><h2>Not read: exposure there is unknown</h2>
<table><thead><tr><th>Account</th><th>Name</th><th>Region</th><th>Reason</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

function renderGroup(g: GroupExposure, open: boolean): string {
  const name = g.groupName ? ` ${esc(g.groupName)}` : '';
  const rows = g.findings.map(({ finding, modes }) => renderFinding(finding, modes)).join('\n');
  return `<details${open ? ' open' : ''}><summary><span class="sev ${g.worst}">${g.worst}</span> <code>${esc(g.groupId)}</code>${name} <small>${esc(g.accountName)} (${esc(g.accountId)}) ${esc(g.region)}: ${g.worldOpen} world-open, ${g.findings.length} findings</small></summary>
<table><thead><tr><th>Rule</th><th>Opens</th><th>Verdict</th><th>revoke</th><th>narrow</th><th>replace-with-eic</th><th>report</th></tr></thead><tbody>
${rows}
</tbody></table></details>`;
}

function renderFinding(f: Finding, modes: readonly ModePreview[]): string {
  const r = f.resource;
  const ports = portsText(r) ?? '';
  const description = r.description ? `<br><small>${esc(r.description)}</small>` : '';
  const verdict = verdictOf(f);
  const cells = ['revoke', 'narrow', 'replace-with-eic', 'report'].map((mode) => {
    const preview = modes.find((m) => m.mode === mode);
    return `<td class="${preview?.effect ?? 'none'}">${esc(preview?.text ?? 'not planned: the rule was not read')}</td>`;
  });
  return `<tr><td><code>${esc(r.ruleId ?? '-')}</code>${description}</td><td>${esc(ports)} from <code>${esc(r.source ?? '-')}</code></td><td><span class="v" style="background:${VERDICT_COLOUR[verdict]}">${esc(VERDICT_LABEL[verdict])}</span> <span class="sev ${f.severity}">${f.severity}</span></td>${cells.join('')}</tr>`;
}

function renderSkipped(result: OrgScanResult): string {
  const skipped = result.accounts.flatMap((s) =>
    s.status === 'skipped'
      ? [`<li>${esc(s.account.id)} (${esc(s.account.name)}): ${esc(s.reason)}</li>`]
      : [],
  );
  return skipped.length === 0 ? '' : `<section><h2>Not scanned</h2><ul>${skipped.join('')}</ul></section>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1c2833;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px}
header p{color:#566573;margin:0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
.card{border:1px solid #d5d8dc;border-radius:6px;padding:10px 14px;flex:1 1 0;min-width:90px}
.card b{display:block;font-size:24px}.card span{color:#566573;font-size:12px}
.card.bad b{color:#c0392b}.card.warn b{color:#b7950b}.card.good b{color:#1e8449}
.alert{border-left:4px solid #c0392b;padding-left:12px}
svg text{font:12px system-ui,sans-serif;fill:#1c2833}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border-bottom:1px solid #eaeded;padding:4px 6px;text-align:left;vertical-align:top;font-size:12px}
th{background:#f4f6f7}
td.change{background:#fdf2e9}td.none{color:#566573}
details{border:1px solid #d5d8dc;border-radius:6px;margin:6px 0;padding:4px 8px}
summary{cursor:pointer}small{color:#566573}
.sev{white-space:nowrap;font-size:11px;border-radius:3px;padding:1px 5px;color:#fff;background:#5d6d7e}
.sev.critical{background:#922b21}.sev.high{background:#c0392b}.sev.medium{background:#d68910}.sev.low{background:#2e86c1}
.v{white-space:nowrap;font-size:11px;border-radius:3px;padding:1px 5px;color:#fff}
.none{color:#1e8449}
code{font:12px ui-monospace,Menlo,Consolas,monospace}
`;
