import type { FindingVerdict, OrgTotals } from './org-totals.js';
import { ruleFindingsOf, VERDICTS, verdictOf } from './org-totals.js';
import type { OrgScanResult } from './scan-organisation.js';

export const VERDICT_LABEL: Record<FindingVerdict, string> = {
  'world-open': 'world-open',
  aggregate: 'world-open in aggregate',
  review: 'review',
  exempted: 'exempted',
  other: 'other',
};
export const VERDICT_COLOUR: Record<FindingVerdict, string> = {
  'world-open': '#c0392b',
  aggregate: '#e67e22',
  review: '#d4ac0d',
  exempted: '#7f8c8d',
  other: '#5d6d7e',
};
/** Accounts drawn in the chart; the rest are summed in one line so the chart stays readable. */
const CHART_ACCOUNTS = 25;

/** Bar charts as inline SVG: no script, no external asset, readable without colour (counts are printed). */
export function renderVerdictChart(t: OrgTotals): string {
  const shown = VERDICTS.filter((v) => v !== 'other' || t.byVerdict.other > 0);
  const max = Math.max(1, ...shown.map((v) => t.byVerdict[v]));
  const bars = shown.map((v, i) => {
    const width = Math.round((t.byVerdict[v] / max) * 440);
    const y = i * 26;
    return `<text x="0" y="${y + 16}">${esc(VERDICT_LABEL[v])}</text><rect x="200" y="${y + 3}" width="${width}" height="18" fill="${VERDICT_COLOUR[v]}"/><text x="${206 + width}" y="${y + 16}">${t.byVerdict[v]}</text>`;
  });
  return svg(760, shown.length * 26, bars.join(''), 'Findings by verdict');
}

export function renderAccountChart(result: OrgScanResult): string {
  const rows = result.accounts
    .filter((s) => s.status === 'scanned')
    .map((s) => {
      const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<FindingVerdict, number>;
      for (const f of ruleFindingsOf(s)) counts[verdictOf(f)] += 1;
      const total = VERDICTS.reduce((n, v) => n + counts[v], 0);
      return { label: `${s.account.name} (${s.account.id})`, counts, total };
    })
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  if (rows.length === 0) return '<p class="none">No findings in any account read.</p>';
  const shown = rows.slice(0, CHART_ACCOUNTS);
  const rest = rows.length - shown.length;
  const max = Math.max(1, ...shown.map((r) => r.total));
  const bars = shown.map((r, i) => {
    const y = i * 24;
    let x = 300;
    const segments = VERDICTS.map((v) => {
      const width = (r.counts[v] / max) * 380;
      const rect =
        width > 0
          ? `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${width.toFixed(1)}" height="17" fill="${VERDICT_COLOUR[v]}"><title>${esc(`${VERDICT_LABEL[v]}: ${r.counts[v]}`)}</title></rect>`
          : '';
      x += width;
      return rect;
    }).join('');
    return `<text x="0" y="${y + 16}">${esc(truncate(r.label, 40))}</text>${segments}<text x="${(x + 6).toFixed(1)}" y="${y + 16}">${r.total}</text>`;
  });
  let legendX = 300;
  const legend = VERDICTS.filter((v) => v !== 'other')
    .map((v) => {
      const y = shown.length * 24 + 8;
      const item = `<rect x="${legendX}" y="${y}" width="12" height="12" fill="${VERDICT_COLOUR[v]}"/><text x="${legendX + 16}" y="${y + 11}">${esc(VERDICT_LABEL[v])}</text>`;
      legendX += 40 + VERDICT_LABEL[v].length * 7;
      return item;
    })
    .join('');
  const more = rest > 0 ? `<p>${rest} more accounts with findings are listed below.</p>` : '';
  return svg(860, shown.length * 24 + 28, bars.join('') + legend, 'Findings by account and verdict') + more;
}

function svg(width: number, height: number, body: string, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${esc(title)}</title>${body}</svg>`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Text and attribute values alike. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
