import type { CallMeter, Ec2Port } from './deps.js';

/**
 * The ports the organisation scan needs besides the sweep's own: the organisation's account list and
 * a way into each account. SDK adapters implement them (functions/adapters/organizations-adapter.ts,
 * sts-adapter.ts); tests pass an in-memory organisation that implements the same interfaces.
 */

export interface OrgAccount {
  readonly id: string;
  readonly name: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED...: only ACTIVE accounts are scanned. */
  readonly state: string;
  /** `arn:<partition>:organizations::...`: the partition of the roles to assume. */
  readonly arn?: string;
}

export interface AccountListing {
  readonly accounts: readonly OrgAccount[];
  /** ListAccounts pages read. */
  readonly apiCalls: number;
}

export interface OrganizationsPort {
  /** Every account of the organisation, all pages, whatever its state. */
  listAccounts(): Promise<AccountListing>;
}

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

export interface AssumeRoleRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly externalId?: string;
}

export interface StsPort {
  assumeRole(request: AssumeRoleRequest): Promise<TemporaryCredentials>;
}

/** Credentials of one account's role, re-assumed when they are about to expire (a long scan). */
export type CredentialSource = () => Promise<TemporaryCredentials>;

export interface AccountPorts {
  readonly ec2For: (region: string) => Ec2Port;
  readonly callsIn: CallMeter;
}

export interface OrgScanDeps {
  readonly organizations: OrganizationsPort;
  readonly sts: StsPort;
  /** The sweep's EC2 ports inside one account, per region, reached with that account's role, and their call meter. */
  readonly ec2ForAccount: (accountId: string, credentials: CredentialSource) => AccountPorts;
  readonly now: () => Date;
}
