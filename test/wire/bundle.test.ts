import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { ENTRY, esbuildOptionsOf, ROOT, readCustomEsbuild } from '../../scripts/bundle.js';
import { readZip } from '../support/zip.js';

const OSLS = join(ROOT, 'node_modules/osls/bin/serverless.js');

describe('the bundle the wire tests and the benchmark run', () => {
  it('is byte for byte the guard.mjs that `osls package` puts into guard.zip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssh-ingress-guard-osls-'));
    try {
      await promisify(execFile)(process.execPath, [OSLS, 'package', '--package', dir], { cwd: ROOT });
      const zipped = readZip(readFileSync(join(dir, 'guard.zip')));
      expect([...zipped.keys()]).toEqual([ENTRY.replace(/\.ts$/, '.mjs')]);
      expect(zipped.get('functions/handlers/guard.mjs')?.equals(readFileSync(inject('guardBundle')))).toBe(
        true,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('takes its esbuild options from serverless.yml custom.esbuild', () => {
    expect(esbuildOptionsOf(readCustomEsbuild())).toEqual({
      bundle: true,
      minify: true,
      sourcemap: false,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      mainFields: ['module', 'main'],
      banner: { js: expect.stringContaining('createRequire') },
      external: [],
      outExtension: { '.js': '.mjs' },
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    [
      'the plugin defaults apply under an empty custom.esbuild',
      {},
      { external: ['aws-sdk'], target: 'node18' },
      [],
    ],
    ['exclude becomes external', { exclude: ['pg-native'] }, { external: ['pg-native'] }, []],
    ['exclude "*" keeps everything bundled', { exclude: ['*'], external: ['x'] }, { external: ['x'] }, []],
    ['a .js output needs no outExtension', { outputFileExtension: '.js' }, {}, ['outExtension']],
    [
      'plugin-only keys never reach esbuild',
      { packager: 'npm', concurrency: 2 },
      {},
      ['packager', 'concurrency'],
    ],
  ])('maps custom.esbuild like serverless-esbuild 1.57 does: %s', (_, custom, included, absent) => {
    const options = esbuildOptionsOf(custom);
    expect(options).toMatchObject(included);
    for (const key of absent) expect(options).not.toHaveProperty(key);
  });
});
