// The installed command against the loopback AWS fake: real SDK clients for Organizations, STS and
// EC2 (adaptive retry, SigV4, the wire protocols), an organisation of accounts whose EC2 is served
// from each account's own state once its role is assumed.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_ROLE } from '../../../functions/cli/org/org-args.js';
import { type FakeAws, startFakeAws } from '../../support/fake-aws/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const PROD = '120000000001';
const DEV = '120000000002';
const NO_ROLE = '120000000003';

let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws({ regions: ['eu-west-1', 'us-east-1'] });
  for (const id of [PROD, DEV, NO_ROLE]) {
    const account = fake.org.addAccount({
      id,
      name: id === PROD ? 'prod' : id === DEV ? 'dev' : 'sandbox',
      roles: id === NO_ROLE ? [] : [DEFAULT_SCAN_ROLE],
      regions: ['eu-west-1', 'us-east-1'],
    });
    for (const region of ['eu-west-1', 'us-east-1']) {
      const state = account.region(region);
      const group = state.addGroup();
      state.addRule({
        GroupId: group.GroupId,
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        CidrIpv4: '0.0.0.0/0',
      });
      for (let i = 0; i < (id === PROD ? 1_200 : 3); i++)
        state.addRule({
          GroupId: group.GroupId,
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          CidrIpv4: `10.0.${i >> 8}.${i % 256}/32`,
        });
    }
  }
});
afterAll(() => fake.close());

async function scanOrg(...args: string[]) {
  const env = { ...process.env, ...fake.env(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'node',
      ['bin/ssh-ingress-guard.mjs', 'scan', '--org', ...args],
      {
        cwd: ROOT,
        env,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('scan --org over the wire', () => {
  it('reads every reachable account, retries throttling, lists the unreachable one and exits 3', async () => {
    fake.calls.length = 0;
    const throttle = fake.faults.add({
      kind: 'throttle',
      account: DEV,
      action: 'DescribeSecurityGroupRules',
      times: 2,
    });
    const { code, stdout, stderr } = await scanOrg('--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(3);
    expect(throttle.hits).toBe(2);
    const { findings, organisation } = JSON.parse(stdout);
    const status = Object.fromEntries(
      organisation.accounts.map((a: { id: string; status: string }) => [a.id, a.status]),
    );
    expect(status).toEqual({ [PROD]: 'scanned', [DEV]: 'scanned', [NO_ROLE]: 'unreachable' });
    expect(organisation.totals.unreadable).toEqual([
      expect.objectContaining({
        accountId: NO_ROLE,
        error: expect.objectContaining({ code: 'AccessDenied' }),
      }),
    ]);
    const worldOpen = findings.filter((f: { checkId: string }) => f.checkId === 'ssh-world-open');
    expect(
      worldOpen.map((f: { account: string; region: string }) => `${f.account} ${f.region}`).sort(),
    ).toEqual([`${PROD} eu-west-1`, `${PROD} us-east-1`, `${DEV} eu-west-1`, `${DEV} us-east-1`]);
    // On the wire: the two throttled pages were sent again; the scan counts each page once.
    const dev = fake.calls.filter((c) => c.account === DEV);
    expect(dev.filter((c) => c.action === 'DescribeSecurityGroupRules')).toHaveLength(2 + 2);
    const accounts = Object.fromEntries(
      organisation.accounts.map((a: { id: string; apiCalls: number }) => [a.id, a.apiCalls]),
    );
    // AssumeRole + DescribeRegions + pages (1,201 rules: two pages of 1,000 per region).
    expect(accounts[PROD]).toBe(1 + 1 + 2 + 2);
    expect(accounts[DEV]).toBe(1 + 1 + 1 + 1);
    expect(fake.calls.filter((c) => c.account === PROD && c.service === 'ec2')).toHaveLength(1 + 2 + 2);
    expect(fake.count('AssumeRole', 'sts')).toBe(3);
    expect(fake.count('ListAccounts', 'organizations')).toBe(1);
  }, 60_000);

  it('narrows to accounts and regions and exits 1 when everything read holds world-open SSH', async () => {
    fake.calls.length = 0;
    const { code, stdout } = await scanOrg('--accounts', `${PROD},${DEV}`, '--regions', 'us-east-1');
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`== ${PROD} \\(prod\\) ==`));
    expect(stdout).toMatch(
      /Organisation: 2 of 2 accounts scanned \(0 unreachable, 0 not scanned\), 2 regions/,
    );
    expect(fake.count('DescribeRegions')).toBe(0);
    expect(new Set(fake.calls.filter((c) => c.service === 'ec2').map((c) => c.region))).toEqual(
      new Set(['us-east-1']),
    );
  }, 60_000);
});
