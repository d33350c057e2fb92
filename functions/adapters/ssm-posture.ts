import { type ComplianceItem, ListComplianceItemsCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { type HostPosture, type PostureItem, SSH_POSTURE_TYPE } from '../core/model/host-posture.js';

/** IAM actions this adapter calls (compliance reads take no resource-level permissions). */
export const SSM_POSTURE_ACTIONS = ['ssm:ListComplianceItems'] as const;

/** ListComplianceItems takes up to 100 resource ids per call and returns up to 50 items a page. */
const IDS_PER_CALL = 100;
const PAGE_SIZE = 50;

function toPostureItem(item: ComplianceItem): PostureItem | undefined {
  if (!item.Id) return undefined;
  const details = item.Details ?? {};
  return {
    id: item.Id,
    status: item.Status === 'COMPLIANT' ? 'compliant' : 'non-compliant',
    ...(item.Title ? { title: item.Title } : {}),
    ...(details.Value ? { value: details.Value } : {}),
    ...(details.Expected ? { expected: details.Expected } : {}),
    ...(details.Context ? { context: details.Context } : {}),
  };
}

/**
 * The Custom:SshPosture items each instance last reported. An instance with no items (no agent, never
 * assessed, could not report) is absent from the map: callers say "not assessed", never compliant.
 */
export async function readPostures(
  client: Pick<SSMClient, 'send'>,
  instanceIds: readonly string[],
): Promise<Map<string, HostPosture>> {
  const items = new Map<string, { assessedAt?: string; items: PostureItem[] }>();
  for (let i = 0; i < instanceIds.length; i += IDS_PER_CALL) {
    let NextToken: string | undefined;
    do {
      const out = await client.send(
        new ListComplianceItemsCommand({
          ResourceIds: instanceIds.slice(i, i + IDS_PER_CALL),
          ResourceTypes: ['ManagedInstance'],
          Filters: [{ Key: 'ComplianceType', Values: [SSH_POSTURE_TYPE], Type: 'EQUAL' }],
          MaxResults: PAGE_SIZE,
          ...(NextToken ? { NextToken } : {}),
        }),
      );
      for (const raw of out.ComplianceItems ?? []) {
        const item = toPostureItem(raw);
        if (!raw.ResourceId || !item || raw.ComplianceType !== SSH_POSTURE_TYPE) continue;
        const entry = items.get(raw.ResourceId) ?? { items: [] };
        const time = raw.ExecutionSummary?.ExecutionTime?.toISOString();
        if (time && (!entry.assessedAt || time > entry.assessedAt)) entry.assessedAt = time;
        entry.items.push(item);
        items.set(raw.ResourceId, entry);
      }
      NextToken = out.NextToken;
    } while (NextToken);
  }
  return new Map(
    [...items].map(([instanceId, e]) => [
      instanceId,
      { instanceId, ...(e.assessedAt ? { assessedAt: e.assessedAt } : {}), items: e.items },
    ]),
  );
}
