import { DescribeManagedPrefixListsCommand, DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import type { GroupTags } from '../core/policy/exemptions.js';
import { type EicPrefixLists, eicPrefixListNames } from '../core/remediation/replace.js';
import type { Ec2Sender } from './count-calls.js';

const FILTER_VALUES = 200;

/**
 * The region's EC2 Instance Connect lists, by name, in one call. Only AWS-owned lists count (a
 * customer cannot create `com.amazonaws.*` names, but the owner check costs nothing). Errors throw;
 * the pipeline turns them into a revoke without replacement.
 */
export async function findEicPrefixLists(client: Ec2Sender, region: string): Promise<EicPrefixLists> {
  const names = eicPrefixListNames(region);
  const out = await client.send(
    new DescribeManagedPrefixListsCommand({
      Filters: [{ Name: 'prefix-list-name', Values: [names.ipv4, names.ipv6] }],
    }),
  );
  const owned = (out.PrefixLists ?? []).filter((l) => l.OwnerId === 'AWS');
  const ipv4 = owned.find((l) => l.PrefixListName === names.ipv4)?.PrefixListId;
  const ipv6 = owned.find((l) => l.PrefixListName === names.ipv6)?.PrefixListId;
  return { region, ...(ipv4 ? { ipv4 } : {}), ...(ipv6 ? { ipv6 } : {}) };
}

/** Tags by group; a filter (not GroupIds) so a group deleted meanwhile is absent, not an error. */
export async function readGroupTags(client: Ec2Sender, groupIds: readonly string[]): Promise<GroupTags> {
  const tags = new Map<string, Record<string, string>>();
  for (let i = 0; i < groupIds.length; i += FILTER_VALUES) {
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: 'group-id', Values: groupIds.slice(i, i + FILTER_VALUES) }],
          MaxResults: 1000,
          NextToken,
        }),
      );
      for (const group of page.SecurityGroups ?? []) {
        if (!group.GroupId) continue;
        const entries = (group.Tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? ''] as const] : []));
        tags.set(group.GroupId, Object.fromEntries(entries));
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return tags;
}
