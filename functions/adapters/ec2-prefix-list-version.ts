import { GetManagedPrefixListEntriesCommand } from '@aws-sdk/client-ec2';
import { errorCode, isError } from './aws-error.js';
import type { Ec2Sender } from './count-calls.js';

/**
 * The entries of one version of a prefix list, every page (GetManagedPrefixListEntries with
 * TargetVersion: ec2:GetManagedPrefixListEntries, already declared by the EC2 adapter). EC2 keeps
 * old versions, so a restore's entries are known exactly even while the restore is in progress.
 * A list or version that no longer exists, or is not ours to read, is `undefined`; throttling and
 * outages throw so Lambda retries.
 */
export async function readPrefixListVersion(
  client: Ec2Sender,
  prefixListId: string,
  version: number,
): Promise<string[] | undefined> {
  const entries: string[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await client.send(
        new GetManagedPrefixListEntriesCommand({
          PrefixListId: prefixListId,
          TargetVersion: version,
          MaxResults: 100,
          NextToken,
        }),
      );
      for (const entry of page.Entries ?? []) if (entry.Cidr) entries.push(entry.Cidr);
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    // EC2 answers a version that does not exist with InvalidParameterValue.
    if (isError(error, 'list-gone', 'denied') || errorCode(error) === 'InvalidParameterValue')
      return undefined;
    throw error;
  }
  return entries;
}
