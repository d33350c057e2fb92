import type { Finding } from '../../core/findings/finding.js';
import type { ModePreview } from '../../core/remediation/mode-preview.js';
import { type FindingVerdict, ruleFindingsOf, SEVERITY_ORDER, verdictOf } from './org-totals.js';
import type { OrgScanResult } from './scan-organisation.js';

export interface GroupExposure {
  readonly accountId: string;
  readonly accountName: string;
  readonly region: string;
  readonly groupId: string;
  readonly groupName?: string;
  readonly findings: readonly { readonly finding: Finding; readonly modes: readonly ModePreview[] }[];
  readonly worldOpen: number;
  readonly worst: Finding['severity'];
}

/**
 * Findings by security group, the worst first: the most severe finding, then the most world-open
 * rules, then the most findings; ties by account, region and id so the order never wobbles.
 */
export function rankGroups(result: OrgScanResult): GroupExposure[] {
  type Building = Omit<GroupExposure, 'findings' | 'worldOpen' | 'worst'> & {
    findings: GroupExposure['findings'][number][];
    worldOpen: number;
    worst: Finding['severity'];
  };
  const groups = new Map<string, Building>();
  for (const scan of result.accounts) {
    if (scan.status !== 'scanned') continue;
    for (const finding of ruleFindingsOf(scan)) {
      const groupId = finding.resource.groupId ?? '-';
      const key = `${scan.account.id}|${finding.region}|${groupId}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          accountId: scan.account.id,
          accountName: scan.account.name,
          region: finding.region,
          groupId,
          ...(finding.resource.groupName ? { groupName: finding.resource.groupName } : {}),
          findings: [],
          worldOpen: 0,
          worst: 'info',
        };
        groups.set(key, group);
      }
      const verdict: FindingVerdict = verdictOf(finding);
      group.findings.push({ finding, modes: scan.previews.get(finding.findingId) ?? [] });
      if (verdict === 'world-open' || verdict === 'aggregate') group.worldOpen += 1;
      if (rank(finding.severity) < rank(group.worst)) group.worst = finding.severity;
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      rank(a.worst) - rank(b.worst) ||
      b.worldOpen - a.worldOpen ||
      b.findings.length - a.findings.length ||
      a.accountId.localeCompare(b.accountId) ||
      a.region.localeCompare(b.region) ||
      a.groupId.localeCompare(b.groupId),
  );
}

const rank = (severity: Finding['severity']) => SEVERITY_ORDER.indexOf(severity);
