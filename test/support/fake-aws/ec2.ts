/** EC2 query-protocol actions. Each handler returns the XML inside `<XxxResponse>`. */

import { AwsError, type HandlerContext, paginate } from './common.js';
import { describeInstances } from './ec2-instances.js';
import {
  describeRuleForError,
  groupNotFound,
  groupOf,
  renderPermission,
  renderRevokedRule,
  renderRule,
  ruleKey,
  ruleSpecsOf,
} from './ec2-rules.js';
import { DEFAULT_VPC, type ManagedPrefixList, newId, type SecurityGroupRule } from './state.js';
import { type Filter, filtersOf, itemSet, listParam, node, type Params, tag } from './xml.js';

export const EC2_VERSION = '2016-11-15';
export const EC2_XMLNS = `http://ec2.amazonaws.com/doc/${EC2_VERSION}/`;

/** Max ingress rules per group (the default quota). */
const RULES_PER_GROUP = 60;

type Handler = (params: Params, ctx: HandlerContext) => string;

function applyFilters<T>(
  items: T[],
  filters: Filter[],
  fields: Record<string, (item: T) => string | undefined>,
): T[] {
  return filters.reduce((acc, f) => {
    const field = fields[f.name];
    if (!field) throw new AwsError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    return acc.filter((item) => f.values.includes(field(item) ?? ''));
  }, items);
}

const prefixListNotFound = (id: string) =>
  new AwsError('InvalidPrefixListID.NotFound', `The prefix list ID '${id}' does not exist`);

function prefixListOf(params: Params, ctx: HandlerContext): ManagedPrefixList {
  const id = params.PrefixListId;
  if (!id) throw new AwsError('MissingParameter', 'The request must contain the parameter PrefixListId');
  const list = ctx.region.prefixLists.get(id);
  if (!list) throw prefixListNotFound(id);
  return list;
}

const describeSecurityGroupRules: Handler = (p, ctx) => {
  const ids = listParam(p, 'SecurityGroupRuleId');
  for (const id of ids) {
    if (!ctx.region.rules.has(id)) {
      throw new AwsError(
        'InvalidSecurityGroupRuleId.NotFound',
        `The security group rule ID '${id}' does not exist`,
      );
    }
  }
  let rules = [...ctx.region.rules.values()];
  if (ids.length > 0) rules = rules.filter((r) => ids.includes(r.SecurityGroupRuleId));
  rules = applyFilters(rules, filtersOf(p), {
    'group-id': (r) => r.GroupId,
    'security-group-rule-id': (r) => r.SecurityGroupRuleId,
  });
  const { page, nextToken } = paginate(rules, 'DescribeSecurityGroupRules', p.MaxResults, p.NextToken, {
    defaultSize: ctx.defaultPageSize,
    min: 5,
    max: 1000,
  });
  return itemSet('securityGroupRuleSet', page, renderRule(ctx.region)) + tag('nextToken', nextToken);
};

const describeSecurityGroups: Handler = (p, ctx) => {
  const all = [...ctx.region.groups.values()];
  const ids = listParam(p, 'GroupId');
  const names = listParam(p, 'GroupName');
  let groups = all;
  if (ids.length > 0) {
    for (const id of ids) if (!ctx.region.groups.has(id)) throw groupNotFound(id);
    groups = groups.filter((g) => ids.includes(g.GroupId));
  }
  if (names.length > 0) {
    for (const name of names) {
      if (!all.some((g) => g.GroupName === name && g.VpcId === DEFAULT_VPC)) {
        throw groupNotFound(name, ` in default VPC '${DEFAULT_VPC}'`);
      }
    }
    groups = groups.filter((g) => names.includes(g.GroupName) && g.VpcId === DEFAULT_VPC);
  }
  groups = applyFilters(groups, filtersOf(p), {
    'group-id': (g) => g.GroupId,
    'group-name': (g) => g.GroupName,
    'vpc-id': (g) => g.VpcId,
    'owner-id': (g) => g.OwnerId,
  });
  const { page, nextToken } = paginate(groups, 'DescribeSecurityGroups', p.MaxResults, p.NextToken, {
    defaultSize: ctx.defaultPageSize,
    min: 5,
    max: 1000,
  });
  const render = (g: (typeof page)[number]) => {
    const rules = ctx.region.rulesOf(g.GroupId);
    return (
      tag('ownerId', g.OwnerId) +
      tag('groupId', g.GroupId) +
      tag('groupName', g.GroupName) +
      tag('groupDescription', g.Description) +
      tag('vpcId', g.VpcId) +
      itemSet(
        'ipPermissions',
        rules.filter((r) => !r.IsEgress),
        renderPermission,
      ) +
      itemSet(
        'ipPermissionsEgress',
        rules.filter((r) => r.IsEgress),
        renderPermission,
      ) +
      itemSet('tagSet', g.Tags, (t) => tag('key', t.Key) + tag('value', t.Value)) +
      tag('securityGroupArn', `arn:aws:ec2:${ctx.region.name}:${g.OwnerId}:security-group/${g.GroupId}`)
    );
  };
  return itemSet('securityGroupInfo', page, render) + tag('nextToken', nextToken);
};

const revokeSecurityGroupIngress: Handler = (p, ctx) => {
  const group = groupOf(p, ctx.region);
  const ingress = ctx.region.rulesOf(group.GroupId).filter((r) => !r.IsEgress);
  const revoked = new Map<string, SecurityGroupRule>();
  for (const id of listParam(p, 'SecurityGroupRuleId')) {
    const rule = ingress.find((r) => r.SecurityGroupRuleId === id);
    if (!rule) {
      throw new AwsError(
        'InvalidSecurityGroupRuleId.NotFound',
        `The security group rule ID '${id}' does not exist`,
      );
    }
    revoked.set(id, rule);
  }
  const specs = ruleSpecsOf(p);
  const unknown = specs.filter((spec) => {
    const rule = ingress.find((r) => ruleKey(r) === ruleKey(spec));
    if (rule) revoked.set(rule.SecurityGroupRuleId, rule);
    return !rule;
  });
  if (specs.length === 0 && revoked.size === 0) {
    throw new AwsError('MissingParameter', 'The request must contain SecurityGroupRuleIds or IpPermissions');
  }
  // As the EC2 API reference describes: by permission, a rule goes only if its values match exactly
  // (the description is not compared). Outside the default VPC one permission the group does not hold
  // fails the whole call and nothing is revoked; in the default VPC there is no error, and the answer
  // lists the permissions it did not find.
  if (unknown.length > 0 && group.VpcId !== DEFAULT_VPC) {
    throw new AwsError(
      'InvalidPermission.NotFound',
      'The specified rule does not exist in this security group.',
    );
  }
  for (const id of revoked.keys()) ctx.region.rules.delete(id);
  return (
    tag('return', true) +
    (unknown.length > 0 ? itemSet('unknownIpPermissionSet', unknown, renderPermission) : '') +
    itemSet('revokedSecurityGroupRuleSet', [...revoked.values()], renderRevokedRule)
  );
};

const authorizeSecurityGroupIngress: Handler = (p, ctx) => {
  const group = groupOf(p, ctx.region);
  const specs = ruleSpecsOf(p);
  if (specs.length === 0) {
    throw new AwsError('MissingParameter', 'The request must contain the parameter ipPermissions');
  }
  const ingress = ctx.region.rulesOf(group.GroupId).filter((r) => !r.IsEgress);
  const seen = new Set(ingress.map(ruleKey));
  for (const spec of specs) {
    if (spec.PrefixListId && !ctx.region.prefixLists.has(spec.PrefixListId)) {
      throw prefixListNotFound(spec.PrefixListId);
    }
    if (seen.has(ruleKey(spec))) {
      throw new AwsError(
        'InvalidPermission.Duplicate',
        `the specified rule "${describeRuleForError(spec)}" already exists`,
      );
    }
    seen.add(ruleKey(spec));
  }
  if (ingress.length + specs.length > RULES_PER_GROUP) {
    throw new AwsError(
      'RulesPerSecurityGroupLimitExceeded',
      'The maximum number of rules per security group has been reached.',
    );
  }
  const created = specs.map((spec) => {
    const id = ctx.region.addRule({ ...spec, GroupId: group.GroupId, SecurityGroupRuleId: newId('sgr') });
    return ctx.region.rules.get(id) as SecurityGroupRule;
  });
  return tag('return', true) + itemSet('securityGroupRuleSet', created, renderRule(ctx.region));
};

const renderPrefixList = (ctx: HandlerContext) => (l: ManagedPrefixList) =>
  tag('prefixListId', l.PrefixListId) +
  tag('addressFamily', l.AddressFamily) +
  tag('state', l.Version > 1 ? 'modify-complete' : 'create-complete') +
  tag(
    'prefixListArn',
    `arn:aws:ec2:${ctx.region.name}:${l.OwnerId === 'AWS' ? 'aws' : l.OwnerId}:prefix-list/${l.PrefixListId}`,
  ) +
  tag('prefixListName', l.PrefixListName) +
  tag('maxEntries', l.MaxEntries) +
  tag('version', l.Version) +
  node('tagSet') +
  tag('ownerId', l.OwnerId);

const describeManagedPrefixLists: Handler = (p, ctx) => {
  const ids = listParam(p, 'PrefixListId');
  for (const id of ids) if (!ctx.region.prefixLists.has(id)) throw prefixListNotFound(id);
  let lists = [...ctx.region.prefixLists.values()];
  if (ids.length > 0) lists = lists.filter((l) => ids.includes(l.PrefixListId));
  lists = applyFilters(lists, filtersOf(p), {
    'prefix-list-id': (l) => l.PrefixListId,
    'prefix-list-name': (l) => l.PrefixListName,
    'owner-id': (l) => l.OwnerId,
  });
  const { page, nextToken } = paginate(lists, 'DescribeManagedPrefixLists', p.MaxResults, p.NextToken, {
    defaultSize: Math.min(ctx.defaultPageSize, 100),
    min: 1,
    max: 100,
  });
  return itemSet('prefixListSet', page, renderPrefixList(ctx)) + tag('nextToken', nextToken);
};

const getManagedPrefixListEntries: Handler = (p, ctx) => {
  const list = prefixListOf(p, ctx);
  const target = p.TargetVersion === undefined ? list.Version : Number(p.TargetVersion);
  const entries = target === list.Version ? list.entries : list.versions?.[target];
  if (!entries)
    throw new AwsError(
      'InvalidParameterValue',
      `Version ${p.TargetVersion} of ${list.PrefixListId} does not exist`,
    );
  const { page, nextToken } = paginate(entries, 'GetManagedPrefixListEntries', p.MaxResults, p.NextToken, {
    defaultSize: Math.min(ctx.defaultPageSize, 100),
    min: 1,
    max: 100,
  });
  return (
    itemSet('entrySet', page, (e) => tag('cidr', e.Cidr) + tag('description', e.Description)) +
    tag('nextToken', nextToken)
  );
};

const getManagedPrefixListAssociations: Handler = (p, ctx) => {
  const list = prefixListOf(p, ctx);
  const groupIds = new Set(
    [...ctx.region.rules.values()].filter((r) => r.PrefixListId === list.PrefixListId).map((r) => r.GroupId),
  );
  const groups = [...groupIds].map((id) => ctx.region.groups.get(id)).filter((g) => g !== undefined);
  const { page, nextToken } = paginate(
    groups,
    'GetManagedPrefixListAssociations',
    p.MaxResults,
    p.NextToken,
    {
      defaultSize: Math.min(ctx.defaultPageSize, 255),
      min: 5,
      max: 255,
    },
  );
  return (
    itemSet(
      'prefixListAssociationSet',
      page,
      (g) => tag('resourceId', g.GroupId) + tag('resourceOwner', g.OwnerId),
    ) + tag('nextToken', nextToken)
  );
};

const describeRegions: Handler = (p, ctx) => {
  const names = listParam(p, 'RegionName');
  let regions = ctx.state.regions.filter((r) => names.length === 0 || names.includes(r));
  regions = applyFilters(regions, filtersOf(p), { 'region-name': (r) => r });
  return itemSet(
    'regionInfo',
    regions,
    (r) =>
      tag('regionName', r) +
      tag('regionEndpoint', `ec2.${r}.amazonaws.com`) +
      tag('optInStatus', 'opt-in-not-required'),
  );
};

export const ec2Handlers: Record<string, Handler> = {
  DescribeSecurityGroupRules: describeSecurityGroupRules,
  DescribeSecurityGroups: describeSecurityGroups,
  RevokeSecurityGroupIngress: revokeSecurityGroupIngress,
  AuthorizeSecurityGroupIngress: authorizeSecurityGroupIngress,
  DescribeManagedPrefixLists: describeManagedPrefixLists,
  GetManagedPrefixListEntries: getManagedPrefixListEntries,
  GetManagedPrefixListAssociations: getManagedPrefixListAssociations,
  DescribeRegions: describeRegions,
  DescribeInstances: describeInstances,
};

export const ec2Response = (action: string, requestId: string, body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_XMLNS}">${tag('requestId', requestId)}${body}</${action}Response>`;

export const ec2ErrorBody = (code: string, message: string, requestId: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Response>${node('Errors', node('Error', tag('Code', code), tag('Message', message)))}${tag('RequestID', requestId)}</Response>`;
