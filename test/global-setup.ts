import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Packages the service once per test run (osls, offline, a few seconds) so template, IAM and
 * pattern tests all read the same artifact. Tests find it through SIG_PACKAGE_DIR.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'sig-package-'));
  execFileSync('npx', ['osls', 'package', '--package', dir], {
    cwd: join(import.meta.dirname, '..'),
    stdio: 'pipe',
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
  });
  process.env.SIG_PACKAGE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
