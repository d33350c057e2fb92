/**
 * `npm run bench:schema`: what a schema library would cost the Lambda bundles. The same two readers
 * (the EXEMPTIONS variable, strict; CloudTrail's `ipPermissions`, tolerant) are written by hand, with
 * zod 4 (classic and `zod/mini`) and with valibot 1 in scripts/bench/schema/; each is bundled alone
 * with the Lambda's esbuild options (serverless.yml) and imported in fresh processes, the variants
 * taking turns. test/scripts/schema-prototypes.test.ts holds the four to the same answers.
 * Prints a table; writes nothing.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { measureColdImports } from './bench/cold-import.js';
import { ms } from './bench/stats.js';
import { esbuildOptionsOf, ROOT, readCustomEsbuild } from './bundle.js';

export const VARIANTS = ['hand', 'zod', 'zod-mini', 'valibot'] as const;

const SAMPLE_EXEMPTIONS = JSON.stringify([
  {
    groupId: 'sg-0a1b2c3d4e5f60001',
    cidr: '203.0.113.0/24',
    reason: 'vendor',
    expires: '2026-12-31',
    approvedBy: 'alice',
  },
]);

/** Each variant's readers, bundled as the Lambda bundles are, run once at import (as cold start does). */
export async function buildVariants(
  outDir: string,
): Promise<Record<string, { file: string; bytes: number; gzipBytes: number }>> {
  const options = esbuildOptionsOf(readCustomEsbuild());
  const permissions = JSON.parse(readFileSync(join(ROOT, 'events/authorize-world-ipv4-ssh.json'), 'utf8'))
    .detail.requestParameters.ipPermissions;
  const built: Record<string, { file: string; bytes: number; gzipBytes: number }> = {};
  for (const variant of VARIANTS) {
    const file = join(outDir, `${variant}.mjs`);
    await build({
      ...options,
      stdin: {
        contents: `import { readers } from './scripts/bench/schema/${variant}.ts';
export const exemptions = readers.readExemptions(${JSON.stringify(SAMPLE_EXEMPTIONS)});
export const permissions = readers.readPermissions(${JSON.stringify(permissions)});
if (!exemptions.ok || !permissions.ok) throw new Error('${variant}: sample not read');`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      outfile: file,
      logLevel: 'silent',
    });
    built[variant] = { file, bytes: statSync(file).size, gzipBytes: gzipSync(readFileSync(file)).length };
  }
  return built;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 20);
  const dir = mkdtempSync(join(tmpdir(), 'ssh-ingress-guard-schema-'));
  try {
    const built = await buildVariants(dir);
    const cold = await measureColdImports(
      Object.fromEntries(Object.entries(built).map(([name, b]) => [name, b.file])),
      runs,
    );
    const hand = built.hand as { bytes: number };
    const handImport = cold.hand?.importMs.p50 ?? 0;
    const rows = VARIANTS.map((v) => {
      const b = built[v] as { bytes: number; gzipBytes: number };
      const c = cold[v];
      const p50 = c?.importMs.p50 ?? Number.NaN;
      return `| ${v} | ${b.bytes.toLocaleString('en')} B | +${(b.bytes - hand.bytes).toLocaleString('en')} B | ${b.gzipBytes.toLocaleString('en')} B | ${ms(p50)} ms | +${ms(p50 - handImport)} ms | ${ms(c?.importCpuMs.p50 ?? Number.NaN)} ms |`;
    });
    process.stdout.write(
      [
        `Schema libraries: the same two readers, bundled alone (${runs} fresh processes each, medians)`,
        '',
        '| variant | bundle | over hand-written | gzip | cold import, wall | over hand-written | cold import, CPU |',
        '|---|---|---|---|---|---|---|',
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
