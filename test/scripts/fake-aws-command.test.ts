import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../../scripts/bundle.js';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** The README's command, as a user runs it after `npm run package`: import the bundle, invoke it once. */
const invokeOnce = (bundle: string, event: string) =>
  `import { readFileSync } from 'node:fs'; const { handler } = await import(${JSON.stringify(bundle)}); console.log(JSON.stringify(await handler(JSON.parse(readFileSync(${JSON.stringify(event)}, 'utf8')))))`;

function waitFor(output: () => string, pattern: RegExp, ms = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const match = pattern.exec(output());
      if (match || Date.now() - started > ms) {
        clearInterval(poll);
        match ? resolve(match) : reject(new Error(`timed out waiting for ${pattern}:\n${output()}`));
      }
    }, 50);
  });
}

describe('npm run fake-aws: the loopback AWS fake, for running the built bundle by hand', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssh-ingress-guard-fake-aws-'));
  let fake: ChildProcess;
  let output = '';
  let guard: string;

  beforeAll(async () => {
    guard = (await buildBundles(dir)).functions.guard?.file as string;
    // Port 0: any free port, so the test never collides with a fake a developer left running on 4566.
    fake = spawn(TSX, ['scripts/fake-aws.ts', '--port', '0'], { cwd: ROOT });
    fake.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
  }, 120_000);
  afterAll(() => {
    fake.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the package script the README gives', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['fake-aws']).toBe(
      'tsx scripts/fake-aws.ts',
    );
  });

  it('prints the environment to use, and the bundle revokes and publishes against it', {
    timeout: 120_000,
  }, async () => {
    await waitFor(() => output, /listening on http:\/\/127\.0\.0\.1:\d+/);
    const env = Object.fromEntries(
      [...output.matchAll(/^ {2}export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['AWS_ENDPOINT_URL', 'AWS_REGION', 'TOPIC_ARN', 'AWS_ACCESS_KEY_ID']),
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', invokeOnce(guard, 'events/authorize-world-ipv4-ssh.json')],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', POWERTOOLS_LOG_LEVEL: 'SILENT', ...env } },
    );
    expect(stdout).not.toBe('');
    await waitFor(() => output, /^call ec2 RevokeSecurityGroupIngress eu-west-1 -> 200$/m);
    await waitFor(
      () => output,
      /^published \[ssh-ingress-guard\] REVOKED tcp\/22 from 0\.0\.0\.0\/0 on sg-/m,
    );
  });
});
