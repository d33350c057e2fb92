import { type HostPosture, type PostureItem, SSH_POSTURE_TYPE } from '../core/model/host-posture.js';
import { type Json, obj, str } from '../parse/json.js';
import { complianceTypeFilter, forEachPage, type SsmCaller } from './ssm-json.js';

/** IAM actions this adapter calls (compliance reads take no resource-level permissions). */
export const SSM_POSTURE_ACTIONS = ['ssm:ListComplianceItems'] as const;

/** ListComplianceItems takes up to 100 resource ids per call and returns up to 50 items a page. */
const IDS_PER_CALL = 100;
const PAGE_SIZE = 50;

function toPostureItem(item: Json): PostureItem | undefined {
  const id = str(item.Id);
  if (!id) return undefined;
  const details = obj(item.Details) ?? {};
  const title = str(item.Title);
  const value = str(details.Value);
  const expected = str(details.Expected);
  const context = str(details.Context);
  return {
    id,
    status: item.Status === 'COMPLIANT' ? 'compliant' : 'non-compliant',
    ...(title ? { title } : {}),
    ...(value ? { value } : {}),
    ...(expected ? { expected } : {}),
    ...(context ? { context } : {}),
  };
}

/**
 * When the item was reported. The JSON protocol writes timestamps as epoch seconds (with a
 * fraction); an ISO text is read too. Anything else is no time rather than a wrong one.
 */
function executionTimeOf(item: Json): string | undefined {
  const raw = obj(item.ExecutionSummary)?.ExecutionTime;
  const ms = typeof raw === 'number' ? raw * 1000 : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/**
 * The Custom:SshPosture items each instance last reported. An instance with no items (no agent, never
 * assessed, could not report) is absent from the map: callers say "not assessed", never compliant.
 */
export async function readPostures(
  ssm: SsmCaller,
  instanceIds: readonly string[],
): Promise<Map<string, HostPosture>> {
  const items = new Map<string, { assessedAt?: string; items: PostureItem[] }>();
  for (let i = 0; i < instanceIds.length; i += IDS_PER_CALL) {
    const input = {
      ResourceIds: instanceIds.slice(i, i + IDS_PER_CALL),
      ResourceTypes: ['ManagedInstance'],
      Filters: complianceTypeFilter(SSH_POSTURE_TYPE),
      MaxResults: PAGE_SIZE,
    };
    await forEachPage(ssm, 'ListComplianceItems', input, 'ComplianceItems', (raw) => {
      const item = toPostureItem(raw);
      const resourceId = str(raw.ResourceId);
      if (!resourceId || !item || raw.ComplianceType !== SSH_POSTURE_TYPE) return;
      const entry = items.get(resourceId) ?? { items: [] };
      const time = executionTimeOf(raw);
      if (time && (!entry.assessedAt || time > entry.assessedAt)) entry.assessedAt = time;
      entry.items.push(item);
      items.set(resourceId, entry);
    });
  }
  return new Map(
    [...items].map(([instanceId, e]) => [
      instanceId,
      { instanceId, ...(e.assessedAt ? { assessedAt: e.assessedAt } : {}), items: e.items },
    ]),
  );
}
