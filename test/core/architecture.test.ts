import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../functions/core');

/**
 * The layers of the pure core, lowest first. A file may import its own layer and those below it,
 * never one above: the rule model knows nothing of policy, the policy nothing of remediation, and
 * findings (the words people read) sit on top of everything they describe.
 */
const LAYERS = ['model', 'policy', 'remediation', 'findings'] as const;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every module specifier a file imports or re-exports. */
function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
}

/** The core layer a path is in, or `outside` when it leaves functions/core. */
function layerOf(path: string): string {
  const rel = relative(CORE, path);
  if (rel.startsWith('..')) return 'outside';
  return rel.split(sep)[0] ?? 'outside';
}

/** What a file breaks, as sentences (empty when it keeps every rule). */
function violationsOf(file: string, text: string): string[] {
  const own = layerOf(file);
  const rank = (layer: string) => LAYERS.indexOf(layer as (typeof LAYERS)[number]);
  const found: string[] = [];
  for (const specifier of importsOf(text)) {
    if (specifier.startsWith('node:')) found.push(`imports ${specifier}`);
    if (!specifier.startsWith('.')) continue;
    const target = layerOf(resolve(dirname(file), specifier));
    if (target === 'outside') found.push(`imports ${specifier}, outside the core`);
    else if (rank(target) > rank(own)) found.push(`imports ${specifier}: ${own} may not depend on ${target}`);
  }
  for (const line of text.split('\n')) {
    if (/^(export\s+)?(let|var)\s/.test(line)) found.push(`holds module state: ${line.trim()}`);
  }
  return found;
}

describe('the pure core', () => {
  const files = sources(CORE);

  it('has files to check, each in a layer', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(LAYERS).toContain(layerOf(file));
  });

  it.each(files.map((f) => [f.slice(CORE.length + 1), f]))(
    '%s imports no AWS SDK, reads no environment and no clock',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/from '@aws-sdk\//);
      expect(text).not.toMatch(/from '@aws-lambda-powertools\//);
      expect(text).not.toMatch(/process\.env/);
      expect(text).not.toMatch(/new Date\(\)|Date\.now\(\)/);
    },
  );

  it.each(files.map((f) => [f.slice(CORE.length + 1), f]))(
    '%s imports nothing from node:, nothing outside the core or above its layer, and holds no module state',
    (_name, file) => {
      expect(violationsOf(file, readFileSync(file, 'utf8'))).toEqual([]);
    },
  );
});

describe('the architecture rules themselves', () => {
  const at = (path: string) => join(CORE, path);

  it.each<[string, string, string, string[]]>([
    ['a node: import', 'findings/x.ts', "import { createHash } from 'node:crypto';", ['imports node:crypto']],
    [
      'a module-level let',
      'policy/x.ts',
      'let last: number | undefined;',
      ['holds module state: let last: number | undefined;'],
    ],
    [
      'an exported let',
      'policy/x.ts',
      'export let cache = 1;',
      ['holds module state: export let cache = 1;'],
    ],
    ['a let inside a function', 'policy/x.ts', 'function f() {\n  let n = 0;\n  return n;\n}', []],
    [
      'an adapter import',
      'policy/x.ts',
      "import { x } from '../../adapters/ec2.js';",
      ['imports ../../adapters/ec2.js, outside the core'],
    ],
    [
      'a pipeline import',
      'findings/x.ts',
      "import type { X } from '../../pipeline/run-guard.js';",
      ['imports ../../pipeline/run-guard.js, outside the core'],
    ],
    [
      'a config import',
      'model/x.ts',
      "import { x } from '../../config/config.js';",
      ['imports ../../config/config.js, outside the core'],
    ],
    [
      'model importing policy',
      'model/x.ts',
      "import type { X } from '../policy/evaluate.js';",
      ['imports ../policy/evaluate.js: model may not depend on policy'],
    ],
    [
      'policy importing remediation',
      'policy/checks/x.ts',
      "export type { P } from '../../remediation/plan.js';",
      ['imports ../../remediation/plan.js: policy may not depend on remediation'],
    ],
    [
      'remediation importing findings',
      'remediation/x.ts',
      "import type { F } from '../findings/finding.js';",
      ['imports ../findings/finding.js: remediation may not depend on findings'],
    ],
    [
      'findings importing every layer below',
      'findings/x.ts',
      "import { a } from '../model/rule.js';\nimport { b } from '../policy/evaluate.js';\nimport { c } from '../remediation/plan.js';",
      [],
    ],
    [
      'a sibling import',
      'policy/checks/x.ts',
      "import { a } from './check.js';\nimport { b } from '../classify-source.js';",
      [],
    ],
  ])('catch %s', (_name, path, text, expected) => {
    expect(violationsOf(at(path), text)).toEqual(expected);
  });
});
