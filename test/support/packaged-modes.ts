// The home stack packaged with other params (each remediation mode, the opt-in canary...). Packaging
// takes seconds, so each configuration is packaged once and its template kept in the OS temp folder,
// keyed by a hash of everything that shapes the template: a second run, or a second test file, reads
// it back. Any change to serverless.yml, infra/ or the osls version makes a new key.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageStack, ROOT } from './package-stack';
import type { Template } from './packaged-stack';

const CACHE = join(tmpdir(), 'ssh-ingress-guard-packaged-modes');

function inputsHash(params: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const file of ['serverless.yml', 'node_modules/osls/package.json'])
    hash.update(readFileSync(join(ROOT, file)));
  for (const file of readdirSync(join(ROOT, 'infra')).sort())
    hash.update(readFileSync(join(ROOT, 'infra', file)));
  hash.update(JSON.stringify(Object.entries(params).sort()));
  return hash.digest('hex').slice(0, 24);
}

const loading = new Map<string, Promise<Template>>();
/**
 * One `osls package` at a time: serverless-esbuild builds in the service folder (.esbuild), so two
 * packages at once overwrite each other's work.
 */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** The packaged template for these params, from the cache when the inputs are unchanged. */
export function loadPackagedWith(params: Record<string, string>): Promise<Template> {
  const key = inputsHash(params);
  let template = loading.get(key);
  if (!template) {
    template = (async () => {
      const file = join(CACHE, `${key}.json`);
      if (!existsSync(file)) await oneAtATime(() => packageInto(file, params));
      return JSON.parse(await readFile(file, 'utf8')) as Template;
    })();
    loading.set(key, template);
  }
  return template;
}

async function packageInto(file: string, params: Record<string, string>): Promise<void> {
  if (existsSync(file)) return;
  const dir = await mkdtemp(join(tmpdir(), 'sig-package-mode-'));
  try {
    await packageStack(dir, params);
    await mkdir(CACHE, { recursive: true });
    // Written aside, then renamed: a file run in parallel never reads half a template.
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, await readFile(join(dir, 'cloudformation-template-update-stack.json')));
    await rename(partial, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
