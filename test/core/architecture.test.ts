import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../functions/core');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the pure core', () => {
  const files = sources(CORE);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [f.slice(CORE.length + 1), f]))(
    '%s imports no AWS SDK, reads no environment and no clock',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toMatch(/from '@aws-sdk\//);
      expect(text).not.toMatch(/from '@aws-lambda-powertools\//);
      expect(text).not.toMatch(/process\.env/);
      expect(text).not.toMatch(/new Date\(\)|Date\.now\(\)/);
      expect(text).not.toMatch(/from '\.\.\/(adapters|handlers|pipeline|config)\//);
    },
  );
});
