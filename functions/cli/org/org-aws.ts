import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { STSClient } from '@aws-sdk/client-sts';
import { meteredEc2For } from '../../adapters/aws-deps.js';
import { CLIENT_OPTIONS } from '../../adapters/clients.js';
import { createOrganizationsPort } from '../../adapters/organizations-adapter.js';
import { createStsPort } from '../../adapters/sts-adapter.js';
import type { Log } from '../../log.js';
import type { OrgScanDeps } from '../../org-deps.js';
import { ok, type Parsed } from '../../parse/json.js';
import { resolveIdentity } from '../aws-connection.js';

export interface OrgConnection {
  readonly deps: OrgScanDeps;
  /** Where STS is called and each account's regions are listed. */
  readonly region: string;
}

/**
 * The scanning identity (standard credential chain or a profile) talks to Organizations and STS;
 * every EC2 client of a member account signs with that account's assumed role. Every client has the
 * guard's adaptive retry, which is what absorbs throttling across hundreds of accounts.
 */
export async function connectToOrganisation(
  options: { readonly profile?: string; readonly region?: string },
  log: Log,
): Promise<Parsed<OrgConnection>> {
  const base = { ...(options.profile ? { profile: options.profile } : {}), ...CLIENT_OPTIONS };
  const sts = new STSClient({ ...(options.region ? { region: options.region } : {}), ...base });
  const resolved = await resolveIdentity(sts.config, options.profile);
  if (!resolved.ok) return resolved;
  const { region } = resolved.value;
  const organizations = new OrganizationsClient({ region, ...base });
  return ok({
    region,
    deps: {
      organizations: createOrganizationsPort(organizations),
      sts: createStsPort(sts),
      // Member-account clients take only the assumed credentials, never the profile's.
      ec2ForAccount: (_account, credentials) =>
        meteredEc2For((r) => new EC2Client({ region: r, credentials, ...CLIENT_OPTIONS }), log),
      now: () => new Date(),
    },
  });
}
