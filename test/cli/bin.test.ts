import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = 'bin/ssh-ingress-guard.mjs';

/** The installed command, as `npx ssh-ingress-guard` runs it: a real process, real exit status. */
async function runBin(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the ssh-ingress-guard command', () => {
  it('is the package bin', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ 'ssh-ingress-guard': BIN });
  });

  it('scans a saved describe output and exits 1 for its violations', async () => {
    const { code, stdout, stderr } = await runBin(
      'scan',
      '--input',
      'test/fixtures/describe-security-group-rules.json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^eu-west-1\s+sg-0a1f0e3b5c7d9e101\s+sgr-07c3e9a51d2b48f02\s+tcp\/22\s+0\.0\.0\.0\/0\s+world-open\s+high\s+would-revoke$/m,
    );
  });

  it('exits 2 on a bad flag, with one line and the usage', async () => {
    const { code, stdout, stderr } = await runBin('scan', '--format', 'xml');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe("ssh-ingress-guard: --format must be table or json, not 'xml'");
    expect(stderr).toMatch(/Usage: ssh-ingress-guard scan/);
  });
});
