// A throw-away "etc/ssh" for running the host posture scripts against the real OpenSSH daemon binary
// (`sshd -T` / `sshd -t` read a configuration and exit: no daemon starts, nothing listens). Each
// sandbox has its own host key, and a bin directory placed first on PATH with stand-ins for what the
// scripts ask the host: systemctl / pgrep / fail2ban-client (nothing runs unless a test says so) and
// an `aws` that records the PutComplianceItems call instead of making it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './package-stack';

export const ASSESS_SCRIPT = join(ROOT, 'infra/ssh-posture/assess.sh');
export const REMEDIATE_SCRIPT = join(ROOT, 'infra/ssh-posture/remediate.sh');
export const SSHD = ['/usr/sbin/sshd', '/usr/bin/sshd'].find((path) => existsSync(path)) ?? 'sshd';

export interface Sandbox {
  readonly dir: string;
  readonly etc: string;
  readonly config: string;
  readonly bin: string;
  readonly hostKey: string;
}

export interface ComplianceItem {
  readonly Id: string;
  readonly Title: string;
  readonly Severity: string;
  readonly Status: 'COMPLIANT' | 'NON_COMPLIANT';
  readonly Details: { readonly Value: string; readonly Expected: string; readonly Context: string };
}

export interface ScriptRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function writeExecutable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/** Services that look active to the script (systemctl is-active / pgrep). */
export function setRunning(
  sandbox: Sandbox,
  services: readonly string[],
  fail2banJails: readonly string[] = [],
): void {
  const list = services.join(' ');
  writeExecutable(
    join(sandbox.bin, 'systemctl'),
    `#!/bin/sh\n[ "$1" = is-active ] || exit 1\nfor s in ${list}; do [ "$3" = "$s" ] && exit 0; done\nexit 3\n`,
  );
  writeExecutable(join(sandbox.bin, 'pgrep'), '#!/bin/sh\nexit 1\n');
  writeExecutable(
    join(sandbox.bin, 'fail2ban-client'),
    `#!/bin/sh\n[ "$1" = status ] || exit 1\nfor j in ${fail2banJails.join(' ')}; do [ "$2" = "$j" ] && exit 0; done\nexit 255\n`,
  );
}

export function createSandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'sig-sshd-'));
  const etc = join(dir, 'etc-ssh');
  const bin = join(dir, 'bin');
  mkdirSync(etc);
  mkdirSync(bin);
  const hostKey = join(dir, 'host_ed25519_key');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  writeExecutable(
    join(bin, 'aws'),
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/aws-args"\nfor a in "$@"; do case "$a" in file://*) cat "$(echo "$a" | cut -c8-)" > "${dir}/items.json";; esac; done\n`,
  );
  const sandbox = { dir, etc, config: join(etc, 'sshd_config'), bin, hostKey };
  setRunning(sandbox, []);
  return sandbox;
}

/** Writes sshd_config (with the sandbox's host key first) and any files under etc-ssh. `@ETC` in any
 * text stands for the sandbox's etc-ssh directory. */
export function writeConfig(
  sandbox: Sandbox,
  main: string,
  files: Readonly<Record<string, string | undefined>> = {},
): void {
  rmSync(sandbox.etc, { recursive: true, force: true });
  mkdirSync(sandbox.etc);
  const expand = (text: string) => text.replaceAll('@ETC', sandbox.etc);
  writeFileSync(sandbox.config, `HostKey ${sandbox.hostKey}\n${expand(main)}`);
  for (const [name, text] of Object.entries(files)) {
    if (text === undefined) continue;
    mkdirSync(join(sandbox.etc, name, '..'), { recursive: true });
    writeFileSync(join(sandbox.etc, name), expand(text));
  }
}

export function runScript(script: string, sandbox: Sandbox, env: Record<string, string> = {}): ScriptRun {
  const result = spawnSync('sh', [script], {
    encoding: 'utf8',
    env: {
      PATH: `${sandbox.bin}:/usr/sbin:/usr/bin:/sbin:/bin`,
      HOME: sandbox.dir,
      SSHD: SSHD,
      SSHD_CONFIG: sandbox.config,
      AWS_SSM_INSTANCE_ID: 'i-0123456789abcdef0',
      AWS_SSM_REGION_NAME: 'eu-west-1',
      ...env,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The items the last run handed to `aws ssm put-compliance-items`, by id. */
export function reportedItems(sandbox: Sandbox): Record<string, ComplianceItem> {
  const items = JSON.parse(readFileSync(join(sandbox.dir, 'items.json'), 'utf8')) as ComplianceItem[];
  return Object.fromEntries(items.map((item) => [item.Id, item]));
}

export function reportedArgs(sandbox: Sandbox): string[] {
  return readFileSync(join(sandbox.dir, 'aws-args'), 'utf8').trimEnd().split('\n');
}

export { writeExecutable };
