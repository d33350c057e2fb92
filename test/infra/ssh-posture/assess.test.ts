// The posture script against the real OpenSSH daemon binary: every configuration below is read by
// `sshd -T` (Include files, Match blocks and compiled-in defaults included), and the test looks at
// the compliance items the script hands to PutComplianceItems.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASSESS_SCRIPT,
  createSandbox,
  reportedArgs,
  reportedItems,
  runScript,
  type Sandbox,
  SSHD,
  setRunning,
  writeConfig,
  writeExecutable,
} from '../../support/sshd-sandbox';

const HARDENED = [
  'PermitRootLogin no',
  'PasswordAuthentication no',
  'KbdInteractiveAuthentication no',
  'PubkeyAuthentication yes',
  '',
].join('\n');
const CONTROLS = [
  'PermitRootLogin',
  'PasswordAuthentication',
  'KbdInteractiveAuthentication',
  'PubkeyAuthentication',
];

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox();
});
afterAll(() => rmSync(sandbox.dir, { recursive: true, force: true }));

function assess(
  main: string,
  files: Readonly<Record<string, string | undefined>> = {},
  env: Record<string, string> = {},
) {
  writeConfig(sandbox, main, files);
  rmSync(join(sandbox.dir, 'items.json'), { force: true });
  const run = runScript(ASSESS_SCRIPT, sandbox, env);
  expect(run.status, run.stderr).toBe(0);
  return reportedItems(sandbox);
}

const statusOf = (items: ReturnType<typeof assess>) =>
  Object.fromEntries(CONTROLS.map((id) => [id, items[id]?.Status === 'COMPLIANT' ? 'ok' : 'fail']));

describe('the effective sshd configuration decides each login control', () => {
  it.each([
    {
      name: "Debian's compiled-in defaults (root by key, passwords and keyboard-interactive on)",
      main: '',
      files: {},
      expected: {
        PermitRootLogin: 'fail',
        PasswordAuthentication: 'fail',
        KbdInteractiveAuthentication: 'fail',
        PubkeyAuthentication: 'ok',
      },
    },
    { name: 'a hardened main file', main: HARDENED, files: {}, expected: {} },
    {
      name: 'the hardening held in an Include file',
      main: 'Include @ETC/sshd_config.d/*.conf\n',
      files: { 'sshd_config.d/10-hardening.conf': HARDENED },
      expected: {},
    },
    {
      name: 'an Include read first that turns passwords on (first value wins)',
      main: `Include @ETC/sshd_config.d/*.conf\n${HARDENED}`,
      files: { 'sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n' },
      expected: { PasswordAuthentication: 'fail' },
    },
    {
      name: 'an Include read after the main settings cannot loosen them',
      main: `${HARDENED}Include @ETC/sshd_config.d/*.conf\n`,
      files: { 'sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n' },
      expected: {},
    },
    {
      name: 'a Match User block that allows passwords for one probe user',
      main: `${HARDENED}Match User ubuntu\n  PasswordAuthentication yes\n`,
      files: {},
      expected: { PasswordAuthentication: 'fail' },
    },
    {
      name: 'a Match Address block that allows keyboard-interactive from the internet',
      main: `${HARDENED}Match Address *,!10.0.0.0/8\n  KbdInteractiveAuthentication yes\n`,
      files: {},
      expected: { KbdInteractiveAuthentication: 'fail' },
    },
    {
      name: 'a Match Address block that loosens only private sources still counts',
      main: `${HARDENED}Match Address 10.0.0.0/8\n  PasswordAuthentication yes\n`,
      files: {},
      expected: { PasswordAuthentication: 'fail' },
    },
    {
      name: 'a Match User root block that lets root in',
      main: `${HARDENED}Match User root\n  PermitRootLogin yes\n`,
      files: {},
      expected: { PermitRootLogin: 'fail' },
    },
    {
      name: 'PermitRootLogin set in a Match block for another user does not concern root',
      main: `${HARDENED}Match User deploy\n  PermitRootLogin yes\n`,
      files: {},
      expected: {},
    },
    {
      name: 'a Match block inside an Include file',
      main: `${HARDENED}Include @ETC/sshd_config.d/*.conf\n`,
      files: { 'sshd_config.d/90-admins.conf': 'Match User admin\n  PubkeyAuthentication no\n' },
      expected: { PubkeyAuthentication: 'fail' },
    },
    {
      name: 'PermitRootLogin yes alone',
      main: HARDENED.replace('PermitRootLogin no', 'PermitRootLogin yes'),
      files: {},
      expected: { PermitRootLogin: 'fail' },
    },
    {
      name: 'PermitRootLogin prohibit-password alone (not allowed by default)',
      main: HARDENED.replace('PermitRootLogin no', 'PermitRootLogin prohibit-password'),
      files: {},
      expected: { PermitRootLogin: 'fail' },
    },
    {
      name: 'PasswordAuthentication yes alone',
      main: HARDENED.replace('PasswordAuthentication no', 'PasswordAuthentication yes'),
      files: {},
      expected: { PasswordAuthentication: 'fail' },
    },
    {
      name: 'KbdInteractiveAuthentication yes alone',
      main: HARDENED.replace('KbdInteractiveAuthentication no', 'KbdInteractiveAuthentication yes'),
      files: {},
      expected: { KbdInteractiveAuthentication: 'fail' },
    },
    {
      name: 'ChallengeResponseAuthentication yes alone (the old name of the same control)',
      main: HARDENED.replace('KbdInteractiveAuthentication no', 'ChallengeResponseAuthentication yes'),
      files: {},
      expected: { KbdInteractiveAuthentication: 'fail' },
    },
    {
      name: 'PubkeyAuthentication no alone',
      main: HARDENED.replace('PubkeyAuthentication yes', 'PubkeyAuthentication no'),
      files: {},
      expected: { PubkeyAuthentication: 'fail' },
    },
  ])('$name', ({ main, files, expected }) => {
    const items = assess(main, files);
    const all = Object.fromEntries(CONTROLS.map((id) => [id, 'ok']));
    expect(statusOf(items)).toEqual({ ...all, ...expected });
    expect(items.SshdConfiguration?.Status).toBe('COMPLIANT');
  });

  it('names the connection context that loosened a control', () => {
    const items = assess(`${HARDENED}Match User ubuntu\n  PasswordAuthentication yes\n`);
    expect(items.PasswordAuthentication?.Details).toMatchObject({ Value: 'yes', Expected: 'no' });
    expect(items.PasswordAuthentication?.Details.Context).toMatch(/^user=ubuntu,/);
  });

  it('counts root with a key only as compliant when that allowance is configured', () => {
    const main = HARDENED.replace('PermitRootLogin no', 'PermitRootLogin prohibit-password');
    const items = assess(main, {}, { SSH_POSTURE_ROOT_LOGIN_ALLOWED: 'prohibit-password' });
    expect(items.PermitRootLogin).toMatchObject({
      Status: 'COMPLIANT',
      Details: { Value: 'prohibit-password' },
    });
    const open = assess(
      HARDENED.replace('PermitRootLogin no', 'PermitRootLogin yes'),
      {},
      {
        SSH_POSTURE_ROOT_LOGIN_ALLOWED: 'prohibit-password',
      },
    );
    expect(open.PermitRootLogin?.Status).toBe('NON_COMPLIANT');
  });

  it('evaluates the extra probe users it is given', () => {
    const main = `${HARDENED}Match User deploy\n  PasswordAuthentication yes\n`;
    expect(assess(main).PasswordAuthentication?.Status).toBe('COMPLIANT');
    expect(assess(main, {}, { SSH_POSTURE_PROBE_USERS: 'deploy' }).PasswordAuthentication?.Status).toBe(
      'NON_COMPLIANT',
    );
  });
});

describe('a configuration sshd cannot read is never compliant', () => {
  it.each([
    ['an unknown keyword', 'NoSuchOption yes\n'],
    ['a Match block with a bad criterion', 'Match Nonsense x\n  PasswordAuthentication no\n'],
    ['an Include of a file with a bad value', 'Include @ETC/bad.conf\n'],
  ])('%s', (_name, main) => {
    const items = assess(main, { 'bad.conf': 'PasswordAuthentication perhaps\n' });
    expect(items.SshdConfiguration).toMatchObject({ Status: 'NON_COMPLIANT', Severity: 'HIGH' });
    for (const id of CONTROLS)
      expect(items[id]).toMatchObject({ Status: 'NON_COMPLIANT', Details: { Value: 'unknown' } });
  });
});

describe('brute-force protection', () => {
  it.each([
    { name: 'nothing running', running: [], jails: [], status: 'NON_COMPLIANT', value: 'none' },
    {
      name: 'fail2ban with an sshd jail',
      running: ['fail2ban'],
      jails: ['sshd'],
      status: 'COMPLIANT',
      value: 'fail2ban (sshd jail)',
    },
    {
      name: 'fail2ban without an sshd jail',
      running: ['fail2ban'],
      jails: ['nginx'],
      status: 'NON_COMPLIANT',
      value: 'none',
    },
    { name: 'sshguard', running: ['sshguard'], jails: [], status: 'COMPLIANT', value: 'sshguard' },
  ])('$name', ({ running, jails, status, value }) => {
    setRunning(sandbox, running, jails);
    try {
      expect(assess(HARDENED).BruteForceProtection).toMatchObject({
        Status: status,
        Details: { Value: value },
      });
    } finally {
      setRunning(sandbox, []);
    }
  });

  it("counts sshd's own PerSourcePenalties (OpenSSH 9.8+) when the daemon reports them on", () => {
    // This machine's OpenSSH predates the keyword, so a wrapper adds the line a 9.8+ daemon prints.
    const wrapper = join(sandbox.bin, 'sshd-penalties');
    writeExecutable(
      wrapper,
      `#!/bin/sh\n"${SSHD}" "$@" || exit $?\ncase " $* " in *" -T "*) echo "$PENALTIES";; esac\n`,
    );
    const on = 'persourcepenalties crash:90s authfail:5s noauth:1s grace-exceeded:20s max:600s min:15s';
    expect(assess(HARDENED, {}, { SSHD: wrapper, PENALTIES: on }).BruteForceProtection).toMatchObject({
      Status: 'COMPLIANT',
      Details: { Value: 'sshd PerSourcePenalties' },
    });
    const off = assess(HARDENED, {}, { SSHD: wrapper, PENALTIES: 'persourcepenalties no' });
    expect(off.BruteForceProtection?.Status).toBe('NON_COMPLIANT');
  });
});

describe('OpenSSH version and EC2 Instance Connect', () => {
  it.each([
    ['8.7', 'COMPLIANT'],
    ['1.0', 'COMPLIANT'],
    ['99.0', 'NON_COMPLIANT'],
    ['9.99', 'NON_COMPLIANT'],
  ])('against a minimum of %s the installed daemon is %s', (minimum, status) => {
    const items = assess(HARDENED, {}, { SSH_POSTURE_MIN_OPENSSH: minimum });
    expect(items.OpenSshVersion?.Status).toBe(status);
    expect(items.OpenSshVersion?.Details.Value).toMatch(/^\d+\.\d+$/);
  });

  it('sees EC2 Instance Connect when sshd calls its key helper', () => {
    expect(assess(HARDENED).Ec2InstanceConnect).toMatchObject({
      Status: 'NON_COMPLIANT',
      Severity: 'INFORMATIONAL',
    });
    const eic = `${HARDENED}AuthorizedKeysCommand /usr/share/ec2-instance-connect/eic_run_authorized_keys %u %f\nAuthorizedKeysCommandUser nobody\n`;
    expect(assess(eic).Ec2InstanceConnect?.Status).toBe('COMPLIANT');
  });
});

describe('reporting', () => {
  it('replaces the instance’s Custom:SshPosture items in one PutComplianceItems call', () => {
    assess(HARDENED);
    const args = reportedArgs(sandbox);
    expect(args.slice(0, 2)).toEqual(['ssm', 'put-compliance-items']);
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(flag('--resource-id')).toBe('i-0123456789abcdef0');
    expect(flag('--region')).toBe('eu-west-1');
    expect(flag('--resource-type')).toBe('ManagedInstance');
    expect(flag('--compliance-type')).toBe('Custom:SshPosture');
    expect(flag('--upload-type')).toBe('COMPLETE');
    expect(flag('--execution-summary')).toMatch(/^ExecutionTime=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Object.keys(reportedItems(sandbox)).sort()).toEqual(
      [
        ...CONTROLS,
        'SshdConfiguration',
        'BruteForceProtection',
        'OpenSshVersion',
        'Ec2InstanceConnect',
      ].sort(),
    );
  });

  it('fails, reporting nothing, without the AWS CLI (the instance stays not assessed)', () => {
    writeConfig(sandbox, HARDENED);
    const aws = join(sandbox.bin, 'aws');
    const moved = join(sandbox.dir, 'aws-hidden');
    writeFileSync(moved, '');
    rmSync(join(sandbox.dir, 'items.json'), { force: true });
    renameSync(aws, moved);
    try {
      const run = runScript(ASSESS_SCRIPT, sandbox);
      expect(run.status).toBe(3);
      expect(run.stderr).toMatch(/AWS CLI is not installed/);
      expect(existsSync(join(sandbox.dir, 'items.json'))).toBe(false);
    } finally {
      renameSync(moved, aws);
    }
  });
});
