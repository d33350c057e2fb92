import { AuthorizeSecurityGroupIngressCommand, type IpPermission } from '@aws-sdk/client-ec2';
import type { CurrentRule } from '../core/model/rule.js';
import type { Permission } from '../core/remediation/permission.js';
import type { AuthorizeResult } from '../deps.js';
import { fromDescribedRule } from '../parse/describe-rule.js';
import { errorCode, errorMessage, isCodeOf } from './aws-error.js';
import type { Ec2Sender } from './count-calls.js';

/** One IpPermission per permission, one source each, description copied onto the source. */
export function toIpPermission(p: Permission): IpPermission {
  const described = p.description ? { Description: p.description } : {};
  const source =
    p.source.kind === 'cidr4'
      ? { IpRanges: [{ CidrIp: p.source.cidr, ...described }] }
      : p.source.kind === 'cidr6'
        ? { Ipv6Ranges: [{ CidrIpv6: p.source.cidr, ...described }] }
        : { PrefixListIds: [{ PrefixListId: p.source.prefixListId, ...described }] };
  return { IpProtocol: p.protocol, FromPort: p.ports.from, ToPort: p.ports.to, ...source };
}

type Attempt =
  | { readonly ok: true; readonly created: CurrentRule[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

async function authorize(
  client: Ec2Sender,
  groupId: string,
  permissions: readonly Permission[],
): Promise<Attempt> {
  try {
    const out = await client.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: permissions.map(toIpPermission),
      }),
    );
    if (out.Return === false)
      return { ok: false, code: 'AuthorizeReturnedFalse', message: 'EC2 answered Return=false' };
    return { ok: true, created: (out.SecurityGroupRules ?? []).flatMap((r) => fromDescribedRule(r) ?? []) };
  } catch (error) {
    return { ok: false, code: errorCode(error), message: errorMessage(error) };
  }
}

/**
 * One call for all permissions. EC2 rejects the whole call when one permission already exists, so
 * nothing was added: then each is added on its own and the ones already there count as present.
 * Every failure is a value: the caller falls back to revoking, it never leaves exposure in place.
 */
export async function authorizeIngress(
  client: Ec2Sender,
  groupId: string,
  permissions: readonly Permission[],
): Promise<AuthorizeResult> {
  if (permissions.length === 0) return { status: 'authorized', created: [], alreadyPresent: [] };
  const all = await authorize(client, groupId, permissions);
  if (all.ok) return { status: 'authorized', created: all.created, alreadyPresent: [] };
  if (!isCodeOf(all.code, 'duplicate'))
    return { status: 'failed', code: all.code, message: all.message, created: [] };
  if (permissions.length === 1) return { status: 'authorized', created: [], alreadyPresent: permissions };
  const created: CurrentRule[] = [];
  const alreadyPresent: Permission[] = [];
  for (const permission of permissions) {
    const one = await authorize(client, groupId, [permission]);
    if (one.ok) created.push(...one.created);
    else if (isCodeOf(one.code, 'duplicate')) alreadyPresent.push(permission);
    else return { status: 'failed', code: one.code, message: one.message, created };
  }
  return { status: 'authorized', created, alreadyPresent };
}
