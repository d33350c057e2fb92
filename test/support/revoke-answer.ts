import type {
  IpPermission,
  RevokedSecurityGroupRule,
  RevokeSecurityGroupIngressCommandInput,
  RevokeSecurityGroupIngressCommandOutput,
} from '@aws-sdk/client-ec2';

/**
 * RevokeSecurityGroupIngress answered as EC2 answers a revoke whose permissions the group still
 * holds: each named in RevokedSecurityGroupRules, with the id of the rule it removed. `ids` gives that
 * id by source (CIDR, prefix list or group id); unnamed sources get a stable stand-in.
 * Written from the EC2 API reference, not from the adapter, so adapter tests can fail.
 */
export function revokedAsAsked(ids: Readonly<Record<string, string>> = {}) {
  return (
    input: RevokeSecurityGroupIngressCommandInput,
  ): Partial<RevokeSecurityGroupIngressCommandOutput> => ({
    Return: true,
    RevokedSecurityGroupRules: (input.IpPermissions ?? []).flatMap((p) =>
      entriesOf(p).map((entry, i) => ({
        ...entry,
        GroupId: input.GroupId,
        SecurityGroupRuleId: ids[sourceOf(entry)] ?? `sgr-0revoked${String(i).padStart(8, '0')}`,
      })),
    ),
  });
}

const sourceOf = (e: RevokedSecurityGroupRule) =>
  e.CidrIpv4 ?? e.CidrIpv6 ?? e.PrefixListId ?? e.ReferencedGroupId ?? '';

function entriesOf(p: IpPermission): RevokedSecurityGroupRule[] {
  const base = {
    IsEgress: false,
    IpProtocol: p.IpProtocol,
    FromPort: p.IpProtocol === '-1' ? -1 : p.FromPort,
    ToPort: p.IpProtocol === '-1' ? -1 : p.ToPort,
  };
  return [
    ...(p.IpRanges ?? []).map((r) => ({ ...base, CidrIpv4: r.CidrIp })),
    ...(p.Ipv6Ranges ?? []).map((r) => ({ ...base, CidrIpv6: r.CidrIpv6 })),
    ...(p.PrefixListIds ?? []).map((r) => ({ ...base, PrefixListId: r.PrefixListId })),
    ...(p.UserIdGroupPairs ?? []).map((r) => ({ ...base, ReferencedGroupId: r.GroupId })),
  ];
}

/** The permission a revoke of tcp/`port` (or a range) from one source names, as EC2 documents it. */
export function judgedTcp(source: string, from = 22, to = from): IpPermission {
  const ports = { IpProtocol: 'tcp', FromPort: from, ToPort: to };
  if (source.startsWith('pl-')) return { ...ports, PrefixListIds: [{ PrefixListId: source }] };
  if (source.startsWith('sg-')) return { ...ports, UserIdGroupPairs: [{ GroupId: source }] };
  return source.includes(':')
    ? { ...ports, Ipv6Ranges: [{ CidrIpv6: source }] }
    : { ...ports, IpRanges: [{ CidrIp: source }] };
}

/** Protocol all (-1) from one CIDR: no ports, as EC2 wants it. */
export function judgedAll(source: string): IpPermission {
  return source.includes(':')
    ? { IpProtocol: '-1', Ipv6Ranges: [{ CidrIpv6: source }] }
    : { IpProtocol: '-1', IpRanges: [{ CidrIp: source }] };
}
