import { ListResourceComplianceSummariesCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { SSH_POSTURE_TYPE } from '../core/model/host-posture.js';

/** IAM actions this adapter calls (compliance reads take no resource-level permissions). */
export const SSM_COVERAGE_ACTIONS = ['ssm:ListResourceComplianceSummaries'] as const;

/** Managed instances of the region that have reported an SSH posture at all, every page. */
export async function listAssessedInstances(client: Pick<SSMClient, 'send'>): Promise<Set<string>> {
  const assessed = new Set<string>();
  let NextToken: string | undefined;
  do {
    const out = await client.send(
      new ListResourceComplianceSummariesCommand({
        Filters: [{ Key: 'ComplianceType', Values: [SSH_POSTURE_TYPE], Type: 'EQUAL' }],
        MaxResults: 50,
        ...(NextToken ? { NextToken } : {}),
      }),
    );
    for (const s of out.ResourceComplianceSummaryItems ?? []) {
      if (s.ResourceId && s.ComplianceType === SSH_POSTURE_TYPE) assessed.add(s.ResourceId);
    }
    NextToken = out.NextToken;
  } while (NextToken);
  return assessed;
}
