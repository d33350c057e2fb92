import { SSH_POSTURE_TYPE } from '../core/model/host-posture.js';
import { str } from '../parse/json.js';
import { complianceTypeFilter, forEachPage, type SsmCaller } from './ssm-json.js';

/** IAM actions this adapter calls (compliance reads take no resource-level permissions). */
export const SSM_COVERAGE_ACTIONS = ['ssm:ListResourceComplianceSummaries'] as const;

/** Managed instances of the region that have reported an SSH posture at all, every page. */
export async function listAssessedInstances(ssm: SsmCaller): Promise<Set<string>> {
  const assessed = new Set<string>();
  await forEachPage(
    ssm,
    'ListResourceComplianceSummaries',
    { Filters: complianceTypeFilter(SSH_POSTURE_TYPE), MaxResults: 50 },
    'ResourceComplianceSummaryItems',
    (summary) => {
      const id = str(summary.ResourceId);
      if (id && summary.ComplianceType === SSH_POSTURE_TYPE) assessed.add(id);
    },
  );
  return assessed;
}
