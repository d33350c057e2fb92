import { EC2Client } from '@aws-sdk/client-ec2';
import { CLIENT_OPTIONS, perRegion } from '../adapters/clients.js';
import { createEc2Port } from '../adapters/ec2-adapter.js';
import type { Ec2Port } from '../deps.js';
import type { Log } from '../log.js';
import { fail, ok, type Parsed } from '../parse/json.js';

export interface Connection {
  readonly ec2For: (region: string) => Ec2Port;
  /** The region given, else the one configured (AWS_REGION, the profile): where regions are listed. */
  readonly region: string;
  /** Known when the credentials carry it (SSO, AWS_ACCOUNT_ID, a profile's aws_account_id). */
  readonly account?: string;
}

/**
 * The standard credential chain, or a named profile, exactly as the AWS CLI would use them. Region
 * and credentials are resolved once, up front, so a missing one is one clear line rather than a
 * failure in every region.
 */
export async function connectToAws(
  options: { readonly profile?: string; readonly region?: string },
  log: Log,
): Promise<Parsed<Connection>> {
  const make = (region?: string) =>
    new EC2Client({
      ...(region ? { region } : {}),
      ...(options.profile ? { profile: options.profile } : {}),
      ...CLIENT_OPTIONS,
    });
  const resolved = await resolveIdentity(make(options.region).config, options.profile);
  if (!resolved.ok) return resolved;
  const { region, account } = resolved.value;
  const ec2For = perRegion((r) => createEc2Port(make(r), log));
  return ok({ ec2For, region, ...(account ? { account } : {}) });
}

/** What a client's configuration resolves to: the SDK's region and credential providers. */
interface ClientIdentity {
  readonly region: () => Promise<string>;
  readonly credentials: () => Promise<{ readonly accountId?: string }>;
}

/**
 * A client's region and credentials, resolved once, up front, so a missing one is one clear line
 * naming what to set rather than a failure in every region or account.
 */
export async function resolveIdentity(
  config: ClientIdentity,
  profile: string | undefined,
): Promise<Parsed<{ readonly region: string; readonly account?: string }>> {
  const region = await config.region().catch(() => undefined);
  if (!region) return fail('no AWS region: pass --region, set AWS_REGION, or give the profile a region');
  try {
    const { accountId } = await config.credentials();
    return ok({ region, ...(accountId ? { account: accountId } : {}) });
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return fail(`no AWS credentials${profile ? ` for profile ${profile}` : ''}: ${why}`);
  }
}
