import type { CredentialSource, OrgAccount, StsPort, TemporaryCredentials } from '../../org-deps.js';

/** Re-assume this long before the credentials expire, so no call is signed with dying keys. */
const REFRESH_MS = 5 * 60_000;

export interface RoleChoice {
  /** Role name, optionally with its path (`security/ssh-ingress-guard-scan`). */
  readonly name: string;
  readonly externalId?: string;
  /** Shown in the member account's CloudTrail as the session name. */
  readonly sessionName: string;
}

/** `arn:<partition>:iam::<account>:role/<name>`, the partition read from the account's own ARN. */
export function roleArnFor(account: OrgAccount, roleName: string): string {
  const partition = /^arn:([\w-]+):/.exec(account.arn ?? '')?.[1] ?? 'aws';
  return `arn:${partition}:iam::${account.id}:role/${roleName.replace(/^\/+/, '')}`;
}

/**
 * Assumes the role once, up front (so an account the role cannot reach is known before any region
 * is read), and again only when a long scan outlives the credentials. `onAssume` counts the calls.
 */
export async function openSession(
  sts: StsPort,
  account: OrgAccount,
  role: RoleChoice,
  now: () => Date,
  onAssume: () => void,
): Promise<CredentialSource> {
  const request = {
    roleArn: roleArnFor(account, role.name),
    sessionName: role.sessionName,
    ...(role.externalId ? { externalId: role.externalId } : {}),
  };
  const assume = () => {
    onAssume();
    return sts.assumeRole(request);
  };
  let current = await assume();
  let renewing: Promise<TemporaryCredentials> | undefined;
  return async () => {
    const expires = current.expiration?.getTime();
    if (expires === undefined || expires - now().getTime() >= REFRESH_MS) return current;
    // Shared: regions asking at the same moment wait for one AssumeRole, not one each.
    renewing ??= assume()
      .then((renewed) => {
        current = renewed;
        return renewed;
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };
}
