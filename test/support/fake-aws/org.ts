/**
 * AWS Organizations (JSON 1.1, `X-Amz-Target: AWSOrganizationsV20161128.<Action>`) and STS (query
 * protocol, XML replies): enough of both for the organisation scan. Each member account has its own
 * FakeAwsState; AssumeRole hands out keys naming the account (`ASIA<account>...`), and the server
 * serves every call signed with them from that account's state.
 */
import { randomBytes } from 'node:crypto';
import { AwsError, type HandlerContext } from './common.js';
import { DEFAULT_ACCOUNT, FakeAwsState } from './state.js';
import { node, type Params, tag } from './xml.js';

export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128.';
export const STS_VERSION = '2011-06-15';
const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ORG_ID = 'o-exampleorgid';
const ACCOUNTS_PAGE = 20;

export interface NewMember {
  id: string;
  name?: string;
  /** ACTIVE (default), SUSPENDED, PENDING_CLOSURE... */
  state?: string;
  /** Roles that exist in the account (default: none; pass the scan role's name). */
  roles?: string[];
  /** DescribeRegions of this account. */
  regions?: string[];
}

export interface FakeMember extends Required<Omit<NewMember, 'regions'>> {
  readonly aws: FakeAwsState;
}

export class FakeOrganization {
  readonly members = new Map<string, FakeMember>();

  constructor(
    readonly managementAccountId: string = DEFAULT_ACCOUNT,
    private readonly defaultRegion = 'eu-west-1',
  ) {}

  /** Adds a member account and returns its state, to seed groups and rules in. */
  addAccount(input: NewMember): FakeAwsState {
    const aws = new FakeAwsState(this.defaultRegion, input.id, input.regions ?? [this.defaultRegion]);
    this.members.set(input.id, {
      id: input.id,
      name: input.name ?? `account-${input.id}`,
      state: input.state ?? 'ACTIVE',
      roles: input.roles ?? [],
      aws,
    });
    return aws;
  }

  /** The member whose assumed-role keys these are. */
  memberOfKey(accessKeyId: string | undefined): FakeMember | undefined {
    const account = /^ASIA(\d{12})/.exec(accessKeyId ?? '')?.[1];
    return account ? this.members.get(account) : undefined;
  }

  clear(): void {
    this.members.clear();
  }
}

type Json = Record<string, unknown>;

export const organizationsHandlers: Record<string, (input: Json, ctx: HandlerContext) => Json> = {
  ListAccounts(input, ctx) {
    const org = ctx.org as FakeOrganization;
    const all = [...org.members.values()];
    const size = typeof input.MaxResults === 'number' ? input.MaxResults : ACCOUNTS_PAGE;
    if (size < 1 || size > ACCOUNTS_PAGE)
      throw new AwsError('InvalidInputException', `MaxResults must be between 1 and ${ACCOUNTS_PAGE}`);
    const start =
      typeof input.NextToken === 'string' ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
    if (!Number.isInteger(start)) throw new AwsError('InvalidInputException', 'bad NextToken');
    const page = all.slice(start, start + size);
    const end = start + page.length;
    return {
      Accounts: page.map((m) => ({
        Id: m.id,
        Arn: `arn:aws:organizations::${org.managementAccountId}:account/${ORG_ID}/${m.id}`,
        Email: `aws+${m.id}@example.com`,
        Name: m.name,
        State: m.state,
        // The deprecated field, still sent beside State until AWS removes it.
        Status:
          m.state === 'ACTIVE' || m.state === 'SUSPENDED' || m.state === 'PENDING_CLOSURE'
            ? m.state
            : 'SUSPENDED',
        JoinedMethod: 'CREATED',
        JoinedTimestamp: 1_700_000_000,
      })),
      ...(end < all.length ? { NextToken: Buffer.from(String(end)).toString('base64url') } : {}),
    };
  },
};

export const stsHandlers: Record<string, (params: Params, ctx: HandlerContext) => string> = {
  AssumeRole(p, ctx) {
    const org = ctx.org as FakeOrganization;
    const arn = p.RoleArn ?? '';
    const match = /^arn:[\w-]+:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]+)$/.exec(arn);
    if (!match || !p.RoleSessionName)
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '${arn}' at 'roleArn' failed to satisfy constraint`,
      );
    const [, account = '', role = ''] = match;
    const member = org.members.get(account);
    if (!member?.roles.includes(role))
      throw new AwsError(
        'AccessDenied',
        `User: arn:aws:iam::${org.managementAccountId}:user/scanner is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
        403,
      );
    const expiration = new Date(Date.now() + Number(p.DurationSeconds ?? 3600) * 1000);
    return node(
      'AssumeRoleResult',
      node(
        'Credentials',
        tag('AccessKeyId', `ASIA${account}${randomBytes(2).toString('hex').toUpperCase()}`),
        tag('SecretAccessKey', randomBytes(20).toString('base64')),
        tag('SessionToken', randomBytes(32).toString('base64')),
        tag('Expiration', expiration.toISOString()),
      ),
      node(
        'AssumedRoleUser',
        tag('AssumedRoleId', `AROA${account}:${p.RoleSessionName}`),
        tag('Arn', `arn:aws:sts::${account}:assumed-role/${role}/${p.RoleSessionName}`),
      ),
    );
  },
};

export const stsResponse = (action: string, requestId: string, inner: string): string =>
  `<${action}Response xmlns="${STS_XMLNS}">${inner}${node('ResponseMetadata', tag('RequestId', requestId))}</${action}Response>`;
