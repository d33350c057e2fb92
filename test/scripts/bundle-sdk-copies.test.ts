import { beforeAll, describe, expect, it } from 'vitest';
import { bundledInputs, duplicatedPackages, packageOf } from '../../scripts/bundle.js';

// @aws-sdk/client-emr is served at an older release than the EC2 and SNS clients. If its tree ever
// pinned its own SDK core, the EMR bundle would carry two copies (and cross its 1 MB bound first).
describe('each Lambda bundle carries one copy of every package, the shared SDK core included', () => {
  let inputs: Record<string, string[]>;
  let bytes: Record<string, Record<string, number>>;
  beforeAll(async () => {
    bytes = await bundledInputs();
    inputs = Object.fromEntries(Object.entries(bytes).map(([name, b]) => [name, Object.keys(b)]));
  }, 120_000);

  it.each(['guard', 'emrGuard', 'sweep'])('%s: no package bundled from two directories', (name) => {
    expect(duplicatedPackages(inputs[name] ?? [])).toEqual({});
  });

  it.each([
    '@aws-sdk/core',
    '@smithy/core',
    '@smithy/types',
    '@smithy/signature-v4',
    '@smithy/node-http-handler',
  ])('emrGuard: %s is bundled, from node_modules at the top', (name) => {
    const dirs = new Set(
      (inputs.emrGuard ?? [])
        .map(packageOf)
        .filter((p) => p?.name === name)
        .map((p) => p?.dir),
    );
    expect([...dirs]).toEqual([`node_modules/${name}`]);
  });

  it.each(['guard', 'emrGuard', 'sweep'])(
    '%s: each SDK package.json is reduced to its version (scripts/esbuild-plugins.cjs)',
    (name) => {
      const manifests = Object.entries(bytes[name] ?? {}).filter(([path]) => path.endsWith('/package.json'));
      expect(manifests.length).toBeGreaterThan(0);
      for (const [path, size] of manifests) expect(size, path).toBeLessThan(80);
    },
  );

  it('emrGuard: the EMR client and the EC2 client share the one core', () => {
    const names = new Set((inputs.emrGuard ?? []).map((i) => packageOf(i)?.name));
    expect(names).toContain('@aws-sdk/client-emr');
    expect(names).toContain('@aws-sdk/client-ec2');
  });
});

describe('finding a second copy', () => {
  it.each<[string, string[], Record<string, string[]>]>([
    [
      'a client pinning its own @smithy/core',
      [
        'node_modules/@smithy/core/dist-es/index.js',
        'node_modules/@aws-sdk/client-emr/node_modules/@smithy/core/dist-es/index.js',
      ],
      {
        '@smithy/core': [
          'node_modules/@aws-sdk/client-emr/node_modules/@smithy/core',
          'node_modules/@smithy/core',
        ],
      },
    ],
    [
      'two modules of one copy',
      ['node_modules/@aws-sdk/core/dist-es/a.js', 'node_modules/@aws-sdk/core/package.json'],
      {},
    ],
    ['the project own modules', ['functions/handlers/emr-guard.ts'], {}],
  ])('%s', (_name, paths, expected) => {
    expect(duplicatedPackages(paths)).toEqual(expected);
  });
});
