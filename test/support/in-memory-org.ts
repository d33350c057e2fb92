import type { EC2Client, SecurityGroupRule } from '@aws-sdk/client-ec2';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { STSClient } from '@aws-sdk/client-sts';
import { meteredEc2For } from '../../functions/adapters/aws-deps.js';
import { createOrganizationsPort } from '../../functions/adapters/organizations-adapter.js';
import { createStsPort } from '../../functions/adapters/sts-adapter.js';
import { DEFAULT_SCAN_ROLE } from '../../functions/cli/org/org-args.js';
import { silentLog } from '../../functions/log.js';
import type { CredentialSource, OrgScanDeps } from '../../functions/org-deps.js';

/**
 * An AWS Organization in memory, at the SDK's `send`: the real Organizations, STS and EC2 adapters run
 * over it, so pages, AssumeRole and every EC2 call are counted as AWS would bill them. Each account
 * has its own regions and rules; EC2 answers only when called with that account's assumed keys.
 */
export interface MemberAccount {
  readonly id: string;
  readonly name?: string;
  readonly state?: string;
  /** Roles that exist in the account (default: the scan role). */
  readonly roles?: readonly string[];
  /** Enabled regions and their rules (DescribeSecurityGroupRules shape). */
  readonly regions: Readonly<Record<string, readonly SecurityGroupRule[]>>;
  /** Customer-managed prefix lists: id → entries. */
  readonly prefixLists?: Readonly<Record<string, readonly string[]>>;
  /** Every EC2 call of the account answers this error (throttling past retries, an SCP...). */
  readonly ec2Failure?: { readonly code: string; readonly regions?: readonly string[] };
}

export interface OrgCall {
  readonly account: string;
  readonly service: 'organizations' | 'sts' | 'ec2';
  readonly action: string;
  readonly region?: string;
}

export const MANAGEMENT = '999999999999';
const PAGE = 1000;
const ACCOUNTS_PAGE = 20;

export class InMemoryOrganisation {
  readonly calls: OrgCall[] = [];
  readonly deps: OrgScanDeps;
  /** Milliseconds each EC2 call takes, so tests can see accounts and regions overlap. */
  ec2DelayMs = 0;
  /** The most EC2 calls in flight at once, in the whole organisation and per account. */
  readonly maxInFlight = { all: 0, byAccount: new Map<string, number>() };
  private readonly inFlight = { all: 0, byAccount: new Map<string, number>() };
  private readonly members: Map<string, MemberAccount>;

  constructor(
    members: readonly MemberAccount[],
    readonly now = () => new Date('2026-12-03T12:00:00Z'),
  ) {
    this.members = new Map(members.map((m) => [m.id, m]));
    this.deps = {
      organizations: createOrganizationsPort(this.organizationsClient()),
      sts: createStsPort(this.stsClient()),
      ec2ForAccount: (account, credentials) =>
        meteredEc2For((region) => this.ec2Client(account, region, credentials), silentLog),
      now,
    };
  }

  /** Calls made for one account: its AssumeRole and every EC2 call signed with its keys. */
  callsOf(account: string, service?: OrgCall['service']): OrgCall[] {
    return this.calls.filter((c) => c.account === account && (!service || c.service === service));
  }

  private organizationsClient() {
    const all = [...this.members.values()];
    return sender<OrganizationsClient>((name, input) => {
      this.calls.push({ account: MANAGEMENT, service: 'organizations', action: name });
      if (name !== 'ListAccountsCommand') throw awsError('InvalidAction', name);
      const start = Number(input.NextToken ?? 0);
      const page = all.slice(start, start + ACCOUNTS_PAGE);
      return {
        Accounts: page.map((m) => ({
          Id: m.id,
          Arn: `arn:aws:organizations::${MANAGEMENT}:account/o-exampleorgid/${m.id}`,
          Name: m.name ?? `account-${m.id}`,
          Email: `aws+${m.id}@example.com`,
          State: m.state ?? 'ACTIVE',
        })),
        ...(start + ACCOUNTS_PAGE < all.length ? { NextToken: String(start + ACCOUNTS_PAGE) } : {}),
      };
    });
  }

  private stsClient() {
    return sender<STSClient>((name, input) => {
      const arn = String(input.RoleArn);
      const [, , , , account = '', resource = ''] = arn.split(':');
      this.calls.push({ account, service: 'sts', action: name });
      const member = this.members.get(account);
      const role = resource.replace(/^role\//, '');
      if (!member || !(member.roles ?? [DEFAULT_SCAN_ROLE]).includes(role))
        throw awsError(
          'AccessDenied',
          `User: arn:aws:iam::${MANAGEMENT}:user/scanner is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
        );
      return {
        Credentials: {
          AccessKeyId: `ASIA${account}`,
          SecretAccessKey: 'secret',
          SessionToken: 'token',
          Expiration: new Date(this.now().getTime() + 3_600_000),
        },
      };
    });
  }

  private enter(account: string, step: 1 | -1): void {
    this.inFlight.all += step;
    this.inFlight.byAccount.set(account, (this.inFlight.byAccount.get(account) ?? 0) + step);
    this.maxInFlight.all = Math.max(this.maxInFlight.all, this.inFlight.all);
    const mine = this.inFlight.byAccount.get(account) ?? 0;
    this.maxInFlight.byAccount.set(account, Math.max(this.maxInFlight.byAccount.get(account) ?? 0, mine));
  }

  private ec2Client(account: string, region: string, credentials: CredentialSource) {
    return sender<EC2Client>(async (name, input) => {
      const keys = await credentials();
      this.calls.push({ account, service: 'ec2', action: name, region });
      this.enter(account, +1);
      try {
        if (this.ec2DelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.ec2DelayMs));
      } finally {
        this.enter(account, -1);
      }
      if (keys.accessKeyId !== `ASIA${account}`) throw awsError('AuthFailure', 'keys of another account');
      const member = this.members.get(account) as MemberAccount;
      const failure = member.ec2Failure;
      if (failure && (!failure.regions || failure.regions.includes(region)))
        throw awsError(failure.code, deniedMessage(failure.code, account, name));
      const rules = member.regions[region];
      if (name === 'DescribeRegionsCommand')
        return {
          Regions: Object.keys(member.regions).map((RegionName) => ({
            RegionName,
            OptInStatus: 'opt-in-not-required',
          })),
        };
      if (!rules)
        throw awsError(
          'AuthFailure',
          `AWS was not able to validate the provided access credentials (${region} not enabled)`,
        );
      if (name === 'DescribeSecurityGroupRulesCommand') {
        const start = Number(input.NextToken ?? 0);
        const size = Number(input.MaxResults ?? PAGE);
        return {
          SecurityGroupRules: rules.slice(start, start + size),
          ...(start + size < rules.length ? { NextToken: String(start + size) } : {}),
        };
      }
      const lists = member.prefixLists ?? {};
      if (name === 'DescribeManagedPrefixListsCommand') {
        const id = (input.PrefixListIds as string[])[0] as string;
        return {
          PrefixLists: lists[id] ? [{ PrefixListId: id, PrefixListName: 'corp', OwnerId: account }] : [],
        };
      }
      if (name === 'GetManagedPrefixListEntriesCommand') {
        const id = String(input.PrefixListId);
        if (!lists[id]) throw awsError('InvalidPrefixListID.NotFound', `${id} not found`);
        return { Entries: lists[id].map((Cidr) => ({ Cidr })) };
      }
      // Only the guard's own sweep revokes (the scan never does): answered, never applied, so the
      // organisation stays as it was for whatever runs next.
      if (name === 'RevokeSecurityGroupIngressCommand')
        return { Return: true, RevokedSecurityGroupRules: judgedRules(rules, input) };
      throw awsError('UnauthorizedOperation', `the scan role may not call ${name}`);
    });
  }
}

/** EC2 takes a protocol by name or number: tcp and 6 are one protocol. */
const protocolOf = (p: string | undefined) =>
  ({ '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' })[String(p)] ?? String(p).toLowerCase();

/** The rules a revoke by judged permission names, as EC2 lists them in RevokedSecurityGroupRules. */
function judgedRules(
  rules: readonly SecurityGroupRule[],
  input: Record<string, unknown>,
): SecurityGroupRule[] {
  const permissions = (input.IpPermissions ?? []) as {
    IpProtocol?: string;
    FromPort?: number;
    ToPort?: number;
    IpRanges?: { CidrIp?: string }[];
    Ipv6Ranges?: { CidrIpv6?: string }[];
    PrefixListIds?: { PrefixListId?: string }[];
  }[];
  return rules.filter(
    (r) =>
      r.GroupId === input.GroupId &&
      !r.IsEgress &&
      permissions.some(
        (p) =>
          protocolOf(p.IpProtocol) === protocolOf(r.IpProtocol) &&
          (p.IpProtocol === '-1' || (p.FromPort === r.FromPort && p.ToPort === r.ToPort)) &&
          ((r.CidrIpv4 !== undefined && p.IpRanges?.some((x) => x.CidrIp === r.CidrIpv4)) ||
            (r.CidrIpv6 !== undefined && p.Ipv6Ranges?.some((x) => x.CidrIpv6 === r.CidrIpv6)) ||
            (r.PrefixListId !== undefined &&
              p.PrefixListIds?.some((x) => x.PrefixListId === r.PrefixListId))),
      ),
  );
}

function sender<C>(answer: (name: string, input: Record<string, unknown>) => unknown) {
  return {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      return answer(command.constructor.name, command.input);
    },
  } as unknown as C;
}

function deniedMessage(code: string, account: string, command: string): string {
  if (code !== 'UnauthorizedOperation') return `${code} (in-memory organisation)`;
  const action = `ec2:${command.replace(/Command$/, '')}`;
  return `You are not authorized to perform this operation. User: arn:aws:sts::${account}:assumed-role/${DEFAULT_SCAN_ROLE}/ssh-ingress-guard-scan is not authorized to perform: ${action} with an explicit deny in a service control policy`;
}

function awsError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: code });
}

/** `count` rules of one group: the first tcp/22 from 0.0.0.0/0, the second for review, the rest private. */
export function rulesOf(account: string, region: string, count: number, groups = 1): SecurityGroupRule[] {
  const regionIndex = [...region].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 4096, 7);
  return Array.from({ length: count }, (_, i) => {
    const g = i % groups;
    const groupId = `sg-${account.slice(-6)}${regionIndex.toString(16).padStart(3, '0')}${g.toString(16).padStart(8, '0')}`;
    const nth = Math.floor(i / groups);
    const source =
      nth === 0
        ? { CidrIpv4: '0.0.0.0/0' }
        : nth === 1
          ? { CidrIpv4: '52.94.76.10/32' }
          : { CidrIpv4: `10.${nth % 256}.${(nth >> 8) % 256}.0/24` };
    return {
      SecurityGroupRuleId: `sgr-${account.slice(-6)}${regionIndex.toString(16).padStart(3, '0')}${i.toString(16).padStart(8, '0')}`,
      GroupId: groupId,
      GroupOwnerId: account,
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      ...source,
    };
  });
}
