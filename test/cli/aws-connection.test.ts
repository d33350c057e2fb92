import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectToAws } from '../../functions/cli/aws-connection.js';
import { main } from '../../functions/cli/main.js';
import { connectToOrganisation } from '../../functions/cli/org/org-aws.js';
import { silentLog } from '../../functions/log.js';
import { judgedTcp, revokedAsAsked } from '../support/revoke-answer.js';

const ec2Mock = mockClient(EC2Client);
const dir = mkdtempSync(join(tmpdir(), 'sig-cli-'));
const saved = { ...process.env };

beforeAll(() => {
  // A real shared config and credentials file, as `aws configure --profile audit` writes them.
  writeFileSync(join(dir, 'config'), '[profile audit]\nregion = eu-west-2\n');
  writeFileSync(
    join(dir, 'credentials'),
    '[audit]\naws_access_key_id = AKIDAUDITAUDITAUDIT\naws_secret_access_key = audit-secret\naws_account_id = 210987654321\n',
  );
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  // Only the files speak here: the test environment's own region and keys would take precedence.
  for (const name of [
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_PROFILE',
  ])
    delete process.env[name];
});

afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

describe('connecting with the standard credential chain', () => {
  it('uses a named profile: its region and its credentials', async () => {
    const connection = await connectToAws({ profile: 'audit' }, silentLog);
    expect(connection).toMatchObject({ ok: true, value: { region: 'eu-west-2', account: '210987654321' } });
  });

  it('prefers --region over the profile region', async () => {
    const connection = await connectToAws({ profile: 'audit', region: 'us-east-1' }, silentLog);
    expect(connection).toMatchObject({ ok: true, value: { region: 'us-east-1' } });
  });

  it('fails with one line for a profile that does not exist', async () => {
    const connection = await connectToAws({ profile: 'nobody', region: 'eu-west-1' }, silentLog);
    expect(connection).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^no AWS credentials for profile nobody: /),
    });
    expect(connection.ok === false && connection.error).not.toMatch(/\n/);
  });
  // The organisation scan resolves its identity the same way, through STS's configuration.
  it.each([
    ['the profile', { profile: 'audit' }, { ok: true, value: { region: 'eu-west-2' } }],
    [
      '--region over the profile',
      { profile: 'audit', region: 'us-east-1' },
      { ok: true, value: { region: 'us-east-1' } },
    ],
    [
      'one line for a profile that does not exist',
      { profile: 'nobody', region: 'eu-west-1' },
      { ok: false, error: expect.stringMatching(/^no AWS credentials for profile nobody: [^\n]*$/) },
    ],
    [
      'one line when nothing names a region',
      { profile: 'nobody' },
      { ok: false, error: 'no AWS region: pass --region, set AWS_REGION, or give the profile a region' },
    ],
  ])('connects the organisation scan with %s', async (_, options, expected) => {
    expect(await connectToOrganisation(options, silentLog)).toMatchObject(expected);
  });
});

describe('scan with the real SDK adapters (transport mocked)', () => {
  beforeEach(() => {
    ec2Mock.reset();
    ec2Mock
      .on(DescribeRegionsCommand)
      .resolves({ Regions: [{ RegionName: 'eu-west-1' }, { RegionName: 'eu-west-2' }] });
    ec2Mock.on(DescribeSecurityGroupRulesCommand).resolves({
      SecurityGroupRules: [
        {
          SecurityGroupRuleId: 'sgr-0e0e0e0e0e0e0e0e1',
          GroupId: 'sg-0e0e0e0e0e0e0e0e1',
          IsEgress: false,
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          CidrIpv4: '0.0.0.0/0',
        },
      ],
    });
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .callsFake(revokedAsAsked({ '0.0.0.0/0': 'sgr-0e0e0e0e0e0e0e0e1' }));
  });

  const io = () => {
    const out: string[] = [];
    return {
      out,
      io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: () => true }, env: {} },
    };
  };

  it('reads every region the profile may see with --all-regions, and revokes nothing in report mode', async () => {
    const { out, io: streams } = io();
    const code = await main(['scan', '--all-regions', '--profile', 'audit', '--format', 'json'], streams);
    expect(code).toBe(1);
    expect(ec2Mock.commandCalls(DescribeRegionsCommand)).toHaveLength(1);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupRulesCommand).map((c) => c.args[0].input)).toEqual([
      { MaxResults: 1000, NextToken: undefined },
      { MaxResults: 1000, NextToken: undefined },
    ]);
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
    const document = JSON.parse(out.join(''));
    expect(document.findings.at(-1).account).toBe('210987654321');
  });

  it('revokes by the judged permission with --mode revoke', async () => {
    const { io: streams } = io();
    await main(['scan', '--region', 'eu-west-1', '--profile', 'audit', '--mode', 'revoke'], streams);
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: 'sg-0e0e0e0e0e0e0e0e1',
      IpPermissions: [judgedTcp('0.0.0.0/0')],
    });
  });
});
