/** Systems Manager JSON 1.1 actions (`X-Amz-Target: AmazonSSM.<Action>`). Dates are epoch seconds. */
import { AwsError, type HandlerContext, paginate } from './common.js';
import type { FakeComplianceItem } from './state.js';

export const SSM_TARGET_PREFIX = 'AmazonSSM.';

type Json = Record<string, unknown>;
type Handler = (input: Json, ctx: HandlerContext) => Json;

interface StringFilter {
  Key?: string;
  Values?: string[];
  Type?: string;
}

function matches(item: FakeComplianceItem, filters: StringFilter[]): boolean {
  return filters.every((f) => {
    const value =
      f.Key === 'ComplianceType' ? item.ComplianceType : f.Key === 'Status' ? item.Status : undefined;
    if (value === undefined)
      throw new AwsError('ValidationException', `filter key ${f.Key} is not supported by fake-aws`);
    return (f.Type ?? 'EQUAL') === 'EQUAL'
      ? (f.Values ?? []).includes(value)
      : !(f.Values ?? []).includes(value);
  });
}

function pageSize(input: Json): string | undefined {
  return input.MaxResults === undefined ? undefined : String(input.MaxResults);
}

const listComplianceItems: Handler = (input, ctx) => {
  const ids = (input.ResourceIds as string[] | undefined) ?? [];
  if (ids.length > 100) throw new AwsError('ValidationException', 'ResourceIds: at most 100');
  const types = (input.ResourceTypes as string[] | undefined) ?? [];
  if (types.some((t) => t !== 'ManagedInstance'))
    throw new AwsError('ValidationException', 'ResourceTypes: ManagedInstance only');
  const filters = (input.Filters as StringFilter[] | undefined) ?? [];
  const items = [...ctx.region.compliance.values()]
    .flat()
    .filter((i) => (ids.length === 0 || ids.includes(i.ResourceId)) && matches(i, filters));
  const { page, nextToken } = paginate(
    items,
    'ListComplianceItems',
    pageSize(input),
    input.NextToken as string | undefined,
    {
      defaultSize: Math.min(ctx.defaultPageSize, 50),
      min: 1,
      max: 50,
    },
  );
  return {
    ComplianceItems: page.map((i) => ({
      ComplianceType: i.ComplianceType,
      ResourceType: 'ManagedInstance',
      ResourceId: i.ResourceId,
      Id: i.Id,
      ...(i.Title ? { Title: i.Title } : {}),
      Status: i.Status,
      Severity: i.Severity,
      ExecutionSummary: { ExecutionTime: i.ExecutionTime.getTime() / 1000 },
      Details: i.Details,
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
};

const listResourceComplianceSummaries: Handler = (input, ctx) => {
  const filters = (input.Filters as StringFilter[] | undefined) ?? [];
  const byResource = new Map<string, FakeComplianceItem[]>();
  for (const item of [...ctx.region.compliance.values()].flat().filter((i) => matches(i, filters))) {
    byResource.set(`${item.ResourceId} ${item.ComplianceType}`, [
      ...(byResource.get(`${item.ResourceId} ${item.ComplianceType}`) ?? []),
      item,
    ]);
  }
  const summaries = [...byResource.values()].map((items) => ({
    ComplianceType: items[0]?.ComplianceType,
    ResourceType: 'ManagedInstance',
    ResourceId: items[0]?.ResourceId,
    Status: items.every((i) => i.Status === 'COMPLIANT') ? 'COMPLIANT' : 'NON_COMPLIANT',
  }));
  const { page, nextToken } = paginate(
    summaries,
    'ListResourceComplianceSummaries',
    pageSize(input),
    input.NextToken as string | undefined,
    {
      defaultSize: Math.min(ctx.defaultPageSize, 50),
      min: 1,
      max: 50,
    },
  );
  return { ResourceComplianceSummaryItems: page, ...(nextToken ? { NextToken: nextToken } : {}) };
};

export const ssmHandlers: Record<string, Handler> = {
  ListComplianceItems: listComplianceItems,
  ListResourceComplianceSummaries: listResourceComplianceSummaries,
};
