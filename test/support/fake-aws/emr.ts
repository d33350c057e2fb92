/** EMR JSON 1.1 actions (`X-Amz-Target: ElasticMapReduce.<Action>`). Dates are epoch seconds. */
import { AwsError, type HandlerContext } from './common.js';
import type { BlockPublicAccess } from './state.js';

export const EMR_TARGET_PREFIX = 'ElasticMapReduce.';

type Json = Record<string, unknown>;
type Handler = (input: Json, ctx: HandlerContext) => Json;

const epoch = (d: Date): number => d.getTime() / 1000;

const invalidRequest = (message: string) => new AwsError('InvalidRequestException', message);

const describeCluster: Handler = (input, ctx) => {
  const id = input.ClusterId;
  if (typeof id !== 'string' || id === '') throw new AwsError('ValidationException', 'ClusterId is required');
  const c = ctx.region.clusters.get(id);
  if (!c) throw invalidRequest(`Cluster id '${id}' is not valid.`);
  return {
    Cluster: {
      Id: c.Id,
      Name: c.Name,
      Status: { ...c.Status, Timeline: { CreationDateTime: epoch(c.CreationDateTime) } },
      Ec2InstanceAttributes: c.Ec2InstanceAttributes,
      ClusterArn: `arn:aws:elasticmapreduce:${ctx.region.name}:${ctx.region.accountId}:cluster/${c.Id}`,
    },
  };
};

const getBlockPublicAccessConfiguration: Handler = (_input, ctx) => {
  const b = ctx.region.blockPublicAccess;
  return {
    BlockPublicAccessConfiguration: {
      BlockPublicSecurityGroupRules: b.BlockPublicSecurityGroupRules,
      PermittedPublicSecurityGroupRuleRanges: b.PermittedPublicSecurityGroupRuleRanges,
    },
    BlockPublicAccessConfigurationMetadata: {
      CreationDateTime: epoch(b.CreationDateTime),
      CreatedByArn: b.CreatedByArn,
    },
  };
};

const putBlockPublicAccessConfiguration: Handler = (input, ctx) => {
  const config = input.BlockPublicAccessConfiguration as Partial<BlockPublicAccess> | undefined;
  if (typeof config?.BlockPublicSecurityGroupRules !== 'boolean') {
    throw new AwsError(
      'ValidationException',
      'BlockPublicAccessConfiguration.BlockPublicSecurityGroupRules is required',
    );
  }
  const ranges = config.PermittedPublicSecurityGroupRuleRanges ?? [];
  if (ranges.some((r) => !Number.isInteger(r.MinRange))) throw invalidRequest('MinRange is required');
  ctx.region.setBlockPublicAccess({
    BlockPublicSecurityGroupRules: config.BlockPublicSecurityGroupRules,
    PermittedPublicSecurityGroupRuleRanges: ranges,
    CreationDateTime: new Date(),
    CreatedByArn: `arn:aws:iam::${ctx.region.accountId}:root`,
  });
  return {};
};

export const emrHandlers: Record<string, Handler> = {
  DescribeCluster: describeCluster,
  GetBlockPublicAccessConfiguration: getBlockPublicAccessConfiguration,
  PutBlockPublicAccessConfiguration: putBlockPublicAccessConfiguration,
};

export const emrErrorBody = (code: string, message: string): string =>
  JSON.stringify({ __type: code, Message: message, message });
