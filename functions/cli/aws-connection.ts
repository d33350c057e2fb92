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
  const probe = make(options.region);
  let region: string | undefined;
  try {
    region = await probe.config.region();
  } catch {
    region = undefined;
  }
  if (!region) return fail('no AWS region: pass --region, set AWS_REGION, or give the profile a region');
  let account: string | undefined;
  try {
    account = (await probe.config.credentials()).accountId;
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return fail(`no AWS credentials${options.profile ? ` for profile ${options.profile}` : ''}: ${why}`);
  }
  const ec2For = perRegion((r) => createEc2Port(make(r), log));
  return ok({ ec2For, region, ...(account ? { account } : {}) });
}
