/** Security group rule parsing, matching and rendering shared by the EC2 actions. */
import { AwsError } from './common.js';
import { DEFAULT_VPC, type RegionState, type SecurityGroup, type SecurityGroupRule } from './state.js';
import { itemSet, node, type Params, structList, tag } from './xml.js';

/** A rule as requested (before it has an id and a group). */
export type RuleSpec = Omit<
  SecurityGroupRule,
  'SecurityGroupRuleId' | 'GroupId' | 'GroupOwnerId' | 'IsEgress'
>;

const NAMED: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

const invalid = (message: string): AwsError => new AwsError('InvalidParameterValue', message);

export function normaliseProtocol(value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new AwsError('MissingParameter', 'The request must contain the parameter ipProtocol');
  }
  const p = value.toLowerCase();
  if (p === '-1' || ['tcp', 'udp', 'icmp', 'icmpv6'].includes(p)) return p;
  const named = NAMED[p];
  if (named) return named;
  if (/^\d+$/.test(p) && Number(p) <= 255) return p;
  throw invalid(`Invalid value '${value}' for IP protocol. Unknown protocol.`);
}

function portsOf(protocol: string, from: string | undefined, to: string | undefined): [number, number] {
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined) {
      throw invalid("Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
    }
    const [f, t] = [Number(from), Number(to)];
    const ok = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535;
    if (!ok(f) || !ok(t) || f > t) throw invalid(`Invalid port range: ${from}-${to}`);
    return [f, t];
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') return [Number(from ?? -1), Number(to ?? -1)];
  return [-1, -1];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function checkCidr(cidr: string, v6: boolean): string {
  const m = IPV4.exec(cidr);
  const ok = v6
    ? /^[0-9a-f:.]+\/\d{1,3}$/i.test(cidr) && cidr.includes(':') && Number(cidr.split('/')[1]) <= 128
    : Boolean(m?.slice(1, 5).every((o) => Number(o) <= 255)) && Number(m?.[5]) <= 32;
  if (!ok) throw invalid(`CIDR block ${cidr} is malformed`);
  return cidr;
}

/** One RuleSpec per source of each `IpPermissions.N` (plus the legacy flat form). */
export function ruleSpecsOf(params: Params): RuleSpec[] {
  const permissions = structList(params, 'IpPermissions');
  if (params.IpProtocol !== undefined || params.CidrIp !== undefined) {
    permissions.push({
      IpProtocol: params.IpProtocol ?? '',
      ...(params.FromPort === undefined ? {} : { FromPort: params.FromPort }),
      ...(params.ToPort === undefined ? {} : { ToPort: params.ToPort }),
      ...(params.CidrIp === undefined ? {} : { 'IpRanges.1.CidrIp': params.CidrIp }),
    });
  }
  return permissions.flatMap((perm) => {
    const IpProtocol = normaliseProtocol(perm.IpProtocol);
    const [FromPort, ToPort] = portsOf(IpProtocol, perm.FromPort, perm.ToPort);
    const base = { IpProtocol, FromPort, ToPort };
    const desc = (s: Params) => (s.Description === undefined ? {} : { Description: s.Description });
    const specs: RuleSpec[] = [
      ...structList(perm, 'IpRanges').map((s) => ({
        ...base,
        CidrIpv4: checkCidr(s.CidrIp ?? '', false),
        ...desc(s),
      })),
      ...structList(perm, 'Ipv6Ranges').map((s) => ({
        ...base,
        CidrIpv6: checkCidr(s.CidrIpv6 ?? '', true),
        ...desc(s),
      })),
      ...structList(perm, 'PrefixListIds').map((s) => ({
        ...base,
        PrefixListId: s.PrefixListId ?? '',
        ...desc(s),
      })),
      ...[...structList(perm, 'Groups'), ...structList(perm, 'UserIdGroupPairs')].map((s) => ({
        ...base,
        ReferencedGroupInfo: { GroupId: s.GroupId ?? '', ...(s.UserId ? { UserId: s.UserId } : {}) },
        ...desc(s),
      })),
    ];
    if (specs.length === 0) {
      throw new AwsError('MissingParameter', 'No source (CIDR, prefix list or group) in IpPermissions.');
    }
    return specs;
  });
}

/** Identity of a rule for duplicate detection and IpPermissions-style revoke. */
export function ruleKey(r: RuleSpec): string {
  const source = r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? `sg:${r.ReferencedGroupInfo?.GroupId ?? '?'}`;
  return `${r.IpProtocol}|${r.FromPort}|${r.ToPort}|${source}`;
}

export function describeRuleForError(r: RuleSpec): string {
  const source = r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? r.ReferencedGroupInfo?.GroupId;
  return `peer: ${source}, ${r.IpProtocol.toUpperCase()}, from port: ${r.FromPort}, to port: ${r.ToPort}, ALLOW`;
}

/** The group named by `GroupId` or (default VPC) `GroupName`. */
export function groupOf(params: Params, region: RegionState): SecurityGroup {
  if (params.GroupId) {
    const group = region.groups.get(params.GroupId);
    if (!group) throw groupNotFound(params.GroupId);
    return group;
  }
  if (params.GroupName) {
    const group = [...region.groups.values()].find(
      (g) => g.GroupName === params.GroupName && g.VpcId === DEFAULT_VPC,
    );
    if (!group) throw groupNotFound(params.GroupName, ` in default VPC '${DEFAULT_VPC}'`);
    return group;
  }
  throw new AwsError('MissingParameter', 'The request must contain the parameter groupName or groupId');
}

export const groupNotFound = (id: string, suffix = ''): AwsError =>
  new AwsError('InvalidGroup.NotFound', `The security group '${id}' does not exist${suffix}`);

const ruleArn = (region: RegionState, r: SecurityGroupRule) =>
  `arn:aws:ec2:${region.name}:${r.GroupOwnerId}:security-group-rule/${r.SecurityGroupRuleId}`;

const ruleFields = (r: SecurityGroupRule) =>
  tag('securityGroupRuleId', r.SecurityGroupRuleId) +
  tag('groupId', r.GroupId) +
  tag('isEgress', r.IsEgress) +
  tag('ipProtocol', r.IpProtocol) +
  tag('fromPort', r.FromPort) +
  tag('toPort', r.ToPort) +
  tag('cidrIpv4', r.CidrIpv4) +
  tag('cidrIpv6', r.CidrIpv6) +
  tag('prefixListId', r.PrefixListId);

/** `<item>` body of a SecurityGroupRule. */
export const renderRule =
  (region: RegionState) =>
  (r: SecurityGroupRule): string =>
    ruleFields(r) +
    tag('groupOwnerId', r.GroupOwnerId) +
    (r.ReferencedGroupInfo
      ? node(
          'referencedGroupInfo',
          tag('groupId', r.ReferencedGroupInfo.GroupId),
          tag('userId', r.ReferencedGroupInfo.UserId),
        )
      : '') +
    tag('description', r.Description) +
    node('tagSet') +
    tag('securityGroupRuleArn', ruleArn(region, r));

/** `<item>` body of a RevokedSecurityGroupRule. */
export const renderRevokedRule = (r: SecurityGroupRule): string =>
  ruleFields(r) +
  tag('referencedGroupId', r.ReferencedGroupInfo?.GroupId) +
  tag('description', r.Description);

/** `<item>` body of an IpPermission holding one rule's single source. */
export function renderPermission(r: SecurityGroupRule | RuleSpec): string {
  const d = r.Description;
  return (
    tag('ipProtocol', r.IpProtocol) +
    (r.IpProtocol === '-1' ? '' : tag('fromPort', r.FromPort) + tag('toPort', r.ToPort)) +
    itemSet(
      'groups',
      r.ReferencedGroupInfo ? [r.ReferencedGroupInfo] : [],
      (g) => tag('groupId', g.GroupId) + tag('userId', g.UserId) + tag('description', d),
    ) +
    itemSet('ipRanges', r.CidrIpv4 ? [r.CidrIpv4] : [], (c) => tag('cidrIp', c) + tag('description', d)) +
    itemSet('ipv6Ranges', r.CidrIpv6 ? [r.CidrIpv6] : [], (c) => tag('cidrIpv6', c) + tag('description', d)) +
    itemSet(
      'prefixListIds',
      r.PrefixListId ? [r.PrefixListId] : [],
      (p) => tag('prefixListId', p) + tag('description', d),
    )
  );
}
