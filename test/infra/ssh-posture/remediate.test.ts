// The remediation script against the real OpenSSH daemon binary, in a throw-away etc/ssh: it must
// make sshd enforce the failing controls (checked by running the posture script afterwards), change
// nothing in report mode, and put every file back when validation or the reload fails.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ASSESS_SCRIPT,
  createSandbox,
  REMEDIATE_SCRIPT,
  reportedItems,
  runScript,
  type Sandbox,
  SSHD,
  writeConfig,
  writeExecutable,
} from '../../support/sshd-sandbox';

const CONTROLS = [
  'PermitRootLogin',
  'PasswordAuthentication',
  'KbdInteractiveAuthentication',
  'PubkeyAuthentication',
];
const HARDENED = 'PermitRootLogin no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n';
const DEBIAN_MAIN = 'Include @ETC/sshd_config.d/*.conf\nKbdInteractiveAuthentication no\nUsePAM yes\n';

let sandbox: Sandbox;
let reloaded: string;
beforeAll(() => {
  sandbox = createSandbox();
  reloaded = join(sandbox.dir, 'reloaded');
});
afterAll(() => rmSync(sandbox.dir, { recursive: true, force: true }));
beforeEach(() => rmSync(reloaded, { force: true }));

function remediate(env: Record<string, string> = {}) {
  return runScript(REMEDIATE_SCRIPT, sandbox, {
    SSH_REMEDIATION_MODE: 'apply',
    SSHD_RELOAD_COMMAND: `echo reload >> ${reloaded}`,
    ...env,
  });
}

/** Every file under etc-ssh, path -> content: "nothing changed" means this is equal. */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[path.slice(sandbox.etc.length + 1)] = readFileSync(path, 'utf8');
    }
  };
  walk(sandbox.etc);
  return files;
}

function postureAfter(env: Record<string, string> = {}) {
  const run = runScript(ASSESS_SCRIPT, sandbox, env);
  expect(run.status, run.stderr).toBe(0);
  const items = reportedItems(sandbox);
  return Object.fromEntries(CONTROLS.map((id) => [id, items[id]?.Status]));
}
const ALL_COMPLIANT = Object.fromEntries(CONTROLS.map((id) => [id, 'COMPLIANT']));

describe('apply makes sshd enforce every login control', () => {
  it.each([
    { name: 'compiled-in defaults, no Include in sshd_config', main: '', files: {} },
    {
      name: "Debian's layout with cloud-init turning passwords on",
      main: DEBIAN_MAIN,
      files: { 'sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n' },
    },
    {
      name: 'root allowed in the main file after the Include',
      main: `${DEBIAN_MAIN}PermitRootLogin yes\n`,
      files: {},
    },
    {
      name: 'a Match block that loosens passwords for one user',
      main: `${HARDENED}Match User ubuntu\n  PasswordAuthentication yes\n`,
      files: {},
    },
    {
      name: 'a relative Include, which sshd resolves under /etc/ssh and not next to this file',
      main: 'Include sshd_config.d/*.conf\nPermitRootLogin yes\n',
      files: {},
    },
    { name: 'public keys switched off', main: `${HARDENED}PubkeyAuthentication no\n`, files: {} },
  ])('$name', ({ main, files }) => {
    writeConfig(sandbox, main, files);
    const run = remediate();
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/now enforces every control/);
    expect(readFileSync(reloaded, 'utf8')).toBe('reload\n');
    expect(postureAfter()).toEqual(ALL_COMPLIANT);
  });

  it('adds an Include as the first line only when sshd_config has none', () => {
    writeConfig(sandbox, 'PasswordAuthentication yes\n');
    const before = readFileSync(sandbox.config, 'utf8');
    expect(remediate().status).toBe(0);
    expect(readFileSync(sandbox.config, 'utf8')).toBe(
      `Include ${sandbox.etc}/sshd_config.d/*.conf\n${before}`,
    );

    writeConfig(sandbox, DEBIAN_MAIN);
    const debian = readFileSync(sandbox.config, 'utf8');
    expect(remediate().status).toBe(0);
    expect(readFileSync(sandbox.config, 'utf8')).toBe(debian);
  });

  it('writes only the failing settings, globally and under Match all', () => {
    writeConfig(sandbox, `${DEBIAN_MAIN}PermitRootLogin no\n`, {
      'sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n',
    });
    expect(remediate().status).toBe(0);
    const dropIn = readFileSync(join(sandbox.etc, 'sshd_config.d/00-ssh-ingress-guard.conf'), 'utf8');
    expect(dropIn.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      'PasswordAuthentication no',
      'Match all',
      '  PasswordAuthentication no',
    ]);
  });

  it('sets root to key-only when that is the allowance', () => {
    writeConfig(sandbox, `${DEBIAN_MAIN}PermitRootLogin yes\nPasswordAuthentication no\n`);
    expect(remediate({ SSH_POSTURE_ROOT_LOGIN_ALLOWED: 'prohibit-password' }).status).toBe(0);
    expect(readFileSync(join(sandbox.etc, 'sshd_config.d/00-ssh-ingress-guard.conf'), 'utf8')).toMatch(
      /^PermitRootLogin prohibit-password$/m,
    );
    expect(postureAfter({ SSH_POSTURE_ROOT_LOGIN_ALLOWED: 'prohibit-password' })).toEqual(ALL_COMPLIANT);
  });

  it('changes nothing and does not reload when sshd already enforces every control', () => {
    writeConfig(sandbox, HARDENED);
    const before = snapshot();
    const run = remediate();
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/nothing to change/);
    expect(snapshot()).toEqual(before);
    expect(existsSync(reloaded)).toBe(false);
  });

  it('is idempotent: a second run changes nothing', () => {
    writeConfig(sandbox, '');
    expect(remediate().status).toBe(0);
    const after = snapshot();
    rmSync(reloaded, { force: true });
    expect(remediate().status).toBe(0);
    expect(snapshot()).toEqual(after);
    expect(existsSync(reloaded)).toBe(false);
  });
});

describe('what it cannot enforce, it says', () => {
  it('overrides a setting read before the Include too (Match all applies to every connection)', () => {
    writeConfig(sandbox, `PasswordAuthentication yes\n${DEBIAN_MAIN}PermitRootLogin no\n`);
    expect(remediate().status).toBe(0);
    expect(postureAfter()).toEqual(ALL_COMPLIANT);
  });

  it('exits 2 naming the control when an earlier Match block keeps winning for some users', () => {
    // The Include sits inside a Match block that loosened passwords first, for ubuntu only.
    writeConfig(
      sandbox,
      'PermitRootLogin no\nKbdInteractiveAuthentication no\nPasswordAuthentication no\nMatch User ubuntu\n  PasswordAuthentication yes\n  Include @ETC/sshd_config.d/*.conf\n',
    );
    const run = remediate();
    expect(run.status, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toMatch(/still does not enforce:\n {2}PasswordAuthentication no/);
    expect(postureAfter().PasswordAuthentication).toBe('NON_COMPLIANT');
  });
});

describe('report mode (the default) changes nothing', () => {
  it('prints the plan, writes no file and does not reload', () => {
    writeConfig(sandbox, '');
    const before = snapshot();
    const run = remediate({ SSH_REMEDIATION_MODE: '' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/PasswordAuthentication no/);
    expect(run.stdout).toMatch(/report mode: nothing changed/);
    expect(snapshot()).toEqual(before);
    expect(existsSync(reloaded)).toBe(false);
  });
});

describe('a host is never left without a configuration sshd accepts', () => {
  it('refuses to touch a configuration that already fails validation', () => {
    writeConfig(sandbox, 'PasswordAuthentication perhaps\n');
    const before = snapshot();
    const run = remediate();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/does not validate; nothing changed/);
    expect(snapshot()).toEqual(before);
    expect(existsSync(reloaded)).toBe(false);
  });

  it.each([
    {
      name: 'with an existing drop-in directory',
      main: DEBIAN_MAIN,
      files: { 'sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n' },
    },
    {
      name: 'without an Include (the added line and directory are removed)',
      main: 'PermitRootLogin yes\n',
      files: {},
    },
    {
      name: 'with an earlier drop-in of its own',
      main: DEBIAN_MAIN,
      files: {
        'sshd_config.d/00-ssh-ingress-guard.conf': 'PermitRootLogin no\nMatch all\n  PermitRootLogin no\n',
        'sshd_config.d/50-cloud-init.conf': 'PasswordAuthentication yes\n',
      },
    },
  ])('rolls back when sshd -t rejects the change, $name', ({ main, files }) => {
    writeConfig(sandbox, main, files);
    const before = snapshot();
    // A daemon whose validation rejects the new drop-in (as an older OpenSSH would reject a
    // directive it does not know); everything else is the real sshd.
    const picky = join(sandbox.bin, 'sshd-picky');
    writeExecutable(
      picky,
      `#!/bin/sh\ncase " $* " in *" -t "*) if grep -qs 'Match all' "${sandbox.etc}/sshd_config.d/00-ssh-ingress-guard.conf" && [ "$(grep -c . "${sandbox.etc}/sshd_config.d/00-ssh-ingress-guard.conf")" -gt 3 ]; then echo "bad configuration option" >&2; exit 255; fi;; esac\nexec "${SSHD}" "$@"\n`,
    );
    const run = remediate({ SSHD: picky });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/sshd -t rejected the change/);
    expect(run.stderr).toMatch(/rolled back: the previous configuration is restored and validates/);
    expect(snapshot()).toEqual(before);
    expect(existsSync(join(sandbox.etc, 'sshd_config.d'))).toBe('sshd_config.d/50-cloud-init.conf' in files);
    expect(existsSync(reloaded)).toBe(false);
  });

  it('rolls back when the reload fails', () => {
    writeConfig(sandbox, 'PasswordAuthentication yes\n');
    const before = snapshot();
    const run = remediate({ SSHD_RELOAD_COMMAND: 'exit 1' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/reloading sshd failed/);
    expect(snapshot()).toEqual(before);
  });

  it.each([
    ['SSH_REMEDIATION_MODE', 'yes'],
    ['SSH_POSTURE_ROOT_LOGIN_ALLOWED', 'yes'],
  ])('rejects %s=%s before reading anything', (name, value) => {
    writeConfig(sandbox, '');
    const before = snapshot();
    const run = remediate({ [name]: value });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(name);
    expect(snapshot()).toEqual(before);
  });
});
