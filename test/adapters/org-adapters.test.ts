import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOrganizationsPort } from '../../functions/adapters/organizations-adapter.js';
import { createStsPort } from '../../functions/adapters/sts-adapter.js';

const organizationsMock = mockClient(OrganizationsClient);
const stsMock = mockClient(STSClient);

describe('Organizations adapter: ListAccounts', () => {
  beforeEach(() => organizationsMock.reset());

  it('reads every page and keeps each account with its state, counting the pages', async () => {
    organizationsMock
      .on(ListAccountsCommand, { NextToken: undefined })
      .resolves({
        Accounts: [
          {
            Id: '111111111111',
            Name: 'prod',
            State: 'ACTIVE',
            Status: 'ACTIVE',
            Arn: 'arn:aws:organizations::999999999999:account/o-abc/111111111111',
          },
        ],
        NextToken: 'page-2',
      })
      .on(ListAccountsCommand, { NextToken: 'page-2' })
      .resolves({ Accounts: [{ Id: '222222222222', Name: 'old', State: 'CLOSED' }] });
    const listing = await createOrganizationsPort(
      new OrganizationsClient({ region: 'us-east-1' }),
    ).listAccounts();
    expect(listing).toEqual({
      accounts: [
        {
          id: '111111111111',
          name: 'prod',
          state: 'ACTIVE',
          arn: 'arn:aws:organizations::999999999999:account/o-abc/111111111111',
        },
        { id: '222222222222', name: 'old', state: 'CLOSED' },
      ],
      apiCalls: 2,
    });
    expect(organizationsMock.commandCalls(ListAccountsCommand)[0]?.args[0].input).toEqual({ MaxResults: 20 });
  });

  it.each([
    ['State only (after the change)', { State: 'SUSPENDED' }, 'SUSPENDED'],
    ['Status only (before it)', { Status: 'PENDING_CLOSURE' }, 'PENDING_CLOSURE'],
    ['both: State wins', { State: 'CLOSED', Status: 'SUSPENDED' }, 'CLOSED'],
    ['neither', {}, 'UNKNOWN'],
  ] as const)('reads the account state from %s', async (_, fields, state) => {
    organizationsMock.on(ListAccountsCommand).resolves({ Accounts: [{ Id: '111111111111', ...fields }] });
    const { accounts } = await createOrganizationsPort(
      new OrganizationsClient({ region: 'us-east-1' }),
    ).listAccounts();
    expect(accounts[0]?.state).toBe(state);
    expect(accounts[0]?.name).toBe('111111111111');
  });

  it('lets a failure through, so the scan stops with its reason', async () => {
    organizationsMock
      .on(ListAccountsCommand)
      .rejects(
        Object.assign(new Error('not the management account'), { name: 'AWSOrganizationsNotInUseException' }),
      );
    await expect(
      createOrganizationsPort(new OrganizationsClient({ region: 'us-east-1' })).listAccounts(),
    ).rejects.toMatchObject({ name: 'AWSOrganizationsNotInUseException' });
  });
});

describe('STS adapter: AssumeRole', () => {
  beforeEach(() => stsMock.reset());
  const expiration = new Date('2026-12-03T13:00:00Z');

  it('asks for an hour, with the ExternalId when there is one, and returns the keys', async () => {
    stsMock.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: expiration },
    });
    const sts = createStsPort(new STSClient({ region: 'eu-west-1' }));
    const keys = await sts.assumeRole({
      roleArn: 'arn:aws:iam::111111111111:role/ssh-ingress-guard-scan',
      sessionName: 'ssh-ingress-guard-scan',
      externalId: 'sesame',
    });
    expect(keys).toEqual({ accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: 't', expiration });
    expect(stsMock.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({
      RoleArn: 'arn:aws:iam::111111111111:role/ssh-ingress-guard-scan',
      RoleSessionName: 'ssh-ingress-guard-scan',
      DurationSeconds: 3600,
      ExternalId: 'sesame',
    });
  });

  it('sends no ExternalId when none is given', async () => {
    stsMock.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: expiration },
    });
    await createStsPort(new STSClient({ region: 'eu-west-1' })).assumeRole({
      roleArn: 'arn:aws:iam::1:role/r',
      sessionName: 's',
    });
    expect(stsMock.commandCalls(AssumeRoleCommand)[0]?.args[0].input).not.toHaveProperty('ExternalId');
  });

  it('refuses an answer without keys rather than signing with nothing', async () => {
    stsMock.on(AssumeRoleCommand).resolves({});
    await expect(
      createStsPort(new STSClient({ region: 'eu-west-1' })).assumeRole({
        roleArn: 'arn:aws:iam::1:role/r',
        sessionName: 's',
      }),
    ).rejects.toThrow('AssumeRole of arn:aws:iam::1:role/r returned no credentials');
  });
});
