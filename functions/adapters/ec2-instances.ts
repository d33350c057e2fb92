import { DescribeInstancesCommand, type EC2Client, type Instance } from '@aws-sdk/client-ec2';
import type { InstanceRef } from '../core/model/host-posture.js';

/** IAM actions this adapter calls (EC2 Describe calls take no resource-level permissions). */
export const EC2_INSTANCES_ACTIONS = ['ec2:DescribeInstances'] as const;

// Terminated instances use nothing; stopped ones start again behind the same groups.
const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

function toInstanceRef(instance: Instance): InstanceRef | undefined {
  if (!instance.InstanceId) return undefined;
  const name = instance.Tags?.find((t) => t.Key === 'Name')?.Value;
  const groupIds = (instance.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : []));
  return {
    instanceId: instance.InstanceId,
    ...(name ? { name } : {}),
    ...(instance.State?.Name ? { state: instance.State.Name } : {}),
    ...(instance.PublicIpAddress ? { publicIp: instance.PublicIpAddress } : {}),
    groupIds,
  };
}

/**
 * Instances that use any of these groups: one DescribeInstances page of at most `limit` (EC2 takes
 * 5 to 1000 per page), so a group in front of a large fleet costs one call, not a fleet listing.
 */
export async function findInstancesByGroups(
  client: Pick<EC2Client, 'send'>,
  groupIds: readonly string[],
  limit: number,
): Promise<{ instances: InstanceRef[]; truncated: boolean }> {
  if (groupIds.length === 0 || limit <= 0) return { instances: [], truncated: false };
  const out = await client.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: 'instance.group-id', Values: [...groupIds] },
        { Name: 'instance-state-name', Values: LIVE_STATES },
      ],
      MaxResults: Math.min(1000, Math.max(5, limit)),
    }),
  );
  const all = (out.Reservations ?? [])
    .flatMap((r) => r.Instances ?? [])
    .flatMap((i) => toInstanceRef(i) ?? []);
  return { instances: all.slice(0, limit), truncated: all.length > limit || Boolean(out.NextToken) };
}

/**
 * Every live instance of the region that the posture association targets (all, or those with the
 * tag), every page: what "in scope" means when the sweep lists hosts that were not assessed.
 */
export async function listInstancesInScope(
  client: Pick<EC2Client, 'send'>,
  tag?: { readonly key: string; readonly value: string },
): Promise<InstanceRef[]> {
  const found: InstanceRef[] = [];
  let NextToken: string | undefined;
  do {
    const out = await client.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'instance-state-name', Values: ['running'] },
          ...(tag ? [{ Name: `tag:${tag.key}`, Values: [tag.value] }] : []),
        ],
        MaxResults: 1000,
        ...(NextToken ? { NextToken } : {}),
      }),
    );
    for (const r of out.Reservations ?? [])
      for (const i of r.Instances ?? []) {
        const ref = toInstanceRef(i);
        if (ref) found.push(ref);
      }
    NextToken = out.NextToken;
  } while (NextToken);
  return found;
}
