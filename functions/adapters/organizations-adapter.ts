import { ListAccountsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import type { OrgAccount, OrganizationsPort } from '../org-deps.js';

/** IAM actions this adapter calls: the identity running `scan --org` needs them (docs/org-scan.md). */
export const ORGANIZATIONS_ACTIONS = ['organizations:ListAccounts'] as const;

/**
 * ListAccounts, every page (20 accounts a page at most). Works from the management account and from
 * a delegated administrator. `State` replaces the deprecated `Status`; either is read so the scan
 * works before and after the change.
 */
export function createOrganizationsPort(client: Pick<OrganizationsClient, 'send'>): OrganizationsPort {
  return {
    async listAccounts() {
      const accounts: OrgAccount[] = [];
      let NextToken: string | undefined;
      let apiCalls = 0;
      do {
        apiCalls += 1;
        const page = await client.send(new ListAccountsCommand({ MaxResults: 20, NextToken }));
        for (const a of page.Accounts ?? []) {
          if (!a.Id) continue;
          accounts.push({
            id: a.Id,
            name: a.Name ?? a.Id,
            state: a.State ?? a.Status ?? 'UNKNOWN',
            ...(a.Arn ? { arn: a.Arn } : {}),
          });
        }
        NextToken = page.NextToken;
      } while (NextToken);
      return { accounts, apiCalls };
    },
  };
}
