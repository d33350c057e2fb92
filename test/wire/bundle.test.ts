import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { esbuildOptionsOf, functionEntries, readCustomEsbuild } from '../../scripts/bundle.js';
import { loadPackagedStack } from '../support/packaged-stack.js';
import { readZip } from '../support/zip.js';

const bundles = inject('bundles');

describe('the bundles the wire tests and the benchmark run', () => {
  it('are built for every function in serverless.yml', () => {
    expect(Object.keys(bundles).sort()).toEqual(Object.keys(functionEntries()).sort());
  });

  it.each(Object.keys(functionEntries()))(
    'are byte for byte what `osls package` puts into %s.zip',
    async (name) => {
      const { dir } = await loadPackagedStack();
      const zipped = readZip(readFileSync(join(dir, `${name}.zip`)));
      const built = (path: string) => readFileSync(join(inject('bundleRoot'), path));
      const handler = relative(inject('bundleRoot'), bundles[name] as string);
      expect([...zipped.keys()].sort()).toEqual([handler, 'functions/package.json'].sort());
      for (const [path, content] of zipped) expect(content.equals(built(path)), path).toBe(true);
    },
    60_000,
  );

  it('take their esbuild options from serverless.yml custom.esbuild', () => {
    expect(esbuildOptionsOf(readCustomEsbuild())).toEqual({
      bundle: true,
      minify: true,
      sourcemap: false,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      mainFields: ['module', 'main'],
      banner: { js: expect.stringContaining('createRequire') },
      plugins: [expect.objectContaining({ name: 'sdk-package-version-only' })],
      external: [],
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
    [
      'a .mjs output gets an outExtension',
      { outputFileExtension: '.mjs' },
      { outExtension: { '.js': '.mjs' } },
      [],
    ],
    ['a .js output needs no outExtension', { outputFileExtension: '.js' }, {}, ['outExtension']],
    [
      'plugin-only keys never reach esbuild',
      { packager: 'npm', concurrency: 2 },
      {},
      ['packager', 'concurrency'],
    ],
  ])('map custom.esbuild like serverless-esbuild 1.57 does: %s', (_, custom, included, absent) => {
    const options = esbuildOptionsOf(custom);
    expect(options).toMatchObject(included);
    for (const key of absent) expect(options).not.toHaveProperty(key);
  });
});
