import { GetManagedPrefixListAssociationsCommand } from '@aws-sdk/client-ec2';
import { isError } from './aws-error.js';
import type { Ec2Sender } from './count-calls.js';

/** Only the guard's role may call this (the ModifyManagedPrefixList trigger). */
export const PREFIX_LIST_GROUP_ACTIONS = ['ec2:GetManagedPrefixListAssociations'] as const;

/** Groups (not route tables) associated with a prefix list, every page. A deleted list has none. */
export async function findPrefixListGroups(client: Ec2Sender, prefixListId: string): Promise<string[]> {
  const groups = new Set<string>();
  let NextToken: string | undefined;
  try {
    do {
      const page = await client.send(
        new GetManagedPrefixListAssociationsCommand({
          PrefixListId: prefixListId,
          MaxResults: 255,
          NextToken,
        }),
      );
      for (const association of page.PrefixListAssociations ?? []) {
        if (association.ResourceId?.startsWith('sg-')) groups.add(association.ResourceId);
      }
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    if (isError(error, 'list-gone')) return [];
    throw error;
  }
  return [...groups];
}
