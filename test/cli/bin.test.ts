import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BIN = 'bin/ssh-ingress-guard.mjs';
const FIXTURE = 'test/fixtures/describe-security-group-rules.json';

/** The installed command, as `npx ssh-ingress-guard` runs it: a real process, real exit status. */
async function runBin(...args: string[]) {
  return runBinIn(ROOT, ...args);
}

async function runBinIn(cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)('node', [BIN, ...args], { cwd });
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
    const { code, stdout, stderr } = await runBin('scan', '--input', FIXTURE);
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

describe('the ssh-ingress-guard command runs JavaScript, built from the sources', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('needs no TypeScript loader at run time: tsx is a devDependency, and the bin never loads it to run', () => {
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.devDependencies).toHaveProperty('tsx');
    expect(readFileSync(join(ROOT, BIN), 'utf8')).not.toMatch(/from 'tsx|register\(|\.ts'\)/);
  });

  it('is built by `npm ci` (prepare) and by `npm run build:cli`', () => {
    expect(pkg.scripts.prepare).toBe('npm run build:cli');
    expect(pkg.scripts['build:cli']).toBe('tsx scripts/build-cli.ts');
  });

  describe('in a fresh clone, where dist/ does not exist', () => {
    // What a clone holds (dist/ is ignored, never committed), with this checkout's node_modules.
    const clone = mkdtempSync(join(tmpdir(), 'ssh-ingress-guard-clone-'));
    for (const path of [
      'bin',
      'functions',
      'scripts',
      'serverless.yml',
      'package.json',
      'package-lock.json',
      FIXTURE,
    ])
      cpSync(join(ROOT, path), join(clone, path), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
    const bundle = join(clone, 'dist/cli/ssh-ingress-guard.mjs');
    afterAll(() => rmSync(clone, { recursive: true, force: true }));

    it('builds the bundle on first use, then scans', { timeout: 120_000 }, async () => {
      const { code, stdout, stderr } = await runBinIn(clone, 'scan', '--input', FIXTURE);
      expect(stderr).toBe('');
      expect(code).toBe(1);
      expect(stdout).toMatch(/5 world-open \(would-revoke 5, review 3\)/);
      expect(statSync(bundle).isFile()).toBe(true);
    });

    it('reuses the bundle while no source is newer', { timeout: 60_000 }, async () => {
      const before = statSync(bundle).mtimeMs;
      expect((await runBinIn(clone, 'scan', '--input', FIXTURE)).code).toBe(1);
      expect(statSync(bundle).mtimeMs).toBe(before);
    });

    it('rebuilds when a source is newer than the bundle (a pull, an edit)', {
      timeout: 120_000,
    }, async () => {
      const before = statSync(bundle).mtimeMs;
      const later = new Date(before + 60_000);
      utimesSync(join(clone, 'functions/cli/main.ts'), later, later);
      expect((await runBinIn(clone, 'scan', '--input', FIXTURE)).code).toBe(1);
      expect(statSync(bundle).mtimeMs).toBeGreaterThan(before);
    });
  });
});
