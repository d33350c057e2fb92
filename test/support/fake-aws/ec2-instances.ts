/** EC2 DescribeInstances over the fake's instances: the filters the guard sends, real paging. */
import { AwsError, type HandlerContext, paginate } from './common.js';
import type { FakeInstance } from './state.js';
import { filtersOf, itemSet, node, type Params, tag } from './xml.js';

const FILTERS: Record<string, (i: FakeInstance) => string[]> = {
  'instance.group-id': (i) => i.GroupIds,
  'instance-state-name': (i) => [i.State],
  'instance-id': (i) => [i.InstanceId],
};

export function describeInstances(p: Params, ctx: HandlerContext): string {
  let instances = [...ctx.region.instances.values()];
  for (const f of filtersOf(p)) {
    const tagKey = f.name.startsWith('tag:') ? f.name.slice(4) : undefined;
    const field = tagKey
      ? (i: FakeInstance) => i.Tags.filter((t) => t.Key === tagKey).map((t) => t.Value)
      : FILTERS[f.name];
    if (!field) throw new AwsError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    instances = instances.filter((i) => field(i).some((v) => f.values.includes(v)));
  }
  const { page, nextToken } = paginate(instances, 'DescribeInstances', p.MaxResults, p.NextToken, {
    defaultSize: ctx.defaultPageSize,
    min: 5,
    max: 1000,
  });
  // One reservation per instance, as RunInstances calls of one instance each would leave them.
  const render = (i: FakeInstance) =>
    tag('reservationId', `r-${i.InstanceId.slice(2)}`) +
    tag('ownerId', ctx.region.accountId) +
    itemSet(
      'instancesSet',
      [i],
      (x) =>
        tag('instanceId', x.InstanceId) +
        node('instanceState', tag('name', x.State)) +
        tag('ipAddress', x.PublicIpAddress) +
        itemSet('groupSet', x.GroupIds, (g) => tag('groupId', g)) +
        itemSet('tagSet', x.Tags, (t) => tag('key', t.Key) + tag('value', t.Value)),
    );
  return itemSet('reservationSet', page, render) + tag('nextToken', nextToken);
}
