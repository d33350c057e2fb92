import type { Finding } from '../core/findings/finding.js';
import { labelOf } from '../core/findings/finding-kinds.js';
import { portsText } from '../core/findings/ports-text.js';
import type { Check } from '../core/policy/checks/check.js';
import { CHECKS } from '../core/policy/checks/index.js';
import type { SweepResult } from '../pipeline/run-sweep.js';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];
const HEADER = ['REGION', 'GROUP', 'RULE', 'PORTS', 'SOURCE', 'FINDING', 'SEVERITY', 'ACTION'];

/**
 * For people: one line per finding, worst first within a region, then what each region held. The
 * FINDING column is each check's own label; `checks` are the ones the sweep ran.
 */
export function renderTable(result: SweepResult, checks: readonly Check[] = CHECKS): string {
  const findings = [...result.findings].sort(
    (a, b) =>
      a.region.localeCompare(b.region) ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      (a.resource.groupId ?? '').localeCompare(b.resource.groupId ?? '') ||
      (a.resource.ruleId ?? '').localeCompare(b.resource.ruleId ?? ''),
  );
  const lines =
    findings.length === 0
      ? ['No SSH exposure found.']
      : formatColumns([HEADER, ...findings.map((f) => rowOf(f, checks))]);
  const regions = result.regions.map((r) =>
    r.status === 'failed'
      ? `${r.region}: not scanned (${r.error?.code ?? 'error'}: ${r.error?.message ?? ''})`
      : `${r.region}: ${r.groups} groups, ${r.rules} rules, ${r.violations} world-open${actionsText(r.actions)}`,
  );
  return [...lines, '', ...regions, result.summary.summary, ''].join('\n');
}

function rowOf(f: Finding, checks: readonly Check[]): string[] {
  const r = f.resource;
  // The table's column is narrow: `all` for every protocol, `-` where no rule is named.
  const ports = r.protocol === 'all' ? 'all' : (portsText(r) ?? '-');
  const action = f.action.error ? `${f.action.type}: ${f.action.error.code}` : f.action.type;
  return [
    f.region,
    r.groupId ?? '-',
    r.ruleId ?? '-',
    ports,
    r.source ?? '-',
    labelOf(f.checkId, checks),
    f.severity,
    action,
  ];
}

function actionsText(actions: Readonly<Record<string, number>>): string {
  const parts = Object.entries(actions).map(([action, n]) => `${action} ${n}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function formatColumns(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
