// The home stack as `osls package` builds it from serverless.yml. Packaging takes a few seconds, so a
// vitest globalSetup (package-stack.global.ts) does it once per run and hands the directory to every
// test file through provide/inject; a file run without it packages for itself.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { packageStack } from './package-stack';

export { ROOT, SERVICE, STAGE } from './package-stack';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation templates are free-form JSON
export type Template = Record<string, any>;

export interface PackagedStack {
  readonly dir: string;
  readonly template: Template;
}

let packaged: Promise<PackagedStack> | undefined;

export function loadPackagedStack(): Promise<PackagedStack> {
  packaged ??= (async () => {
    let dir = inject('packagedDir');
    if (!dir) {
      dir = await mkdtemp(join(tmpdir(), 'sig-package-'));
      await packageStack(dir);
    }
    const text = await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8');
    return { dir, template: JSON.parse(text) };
  })();
  return packaged;
}

/** Resources of one CloudFormation type, as [logicalId, resource] pairs. */
export function resourcesOf(template: Template, type: string): [string, Template][] {
  return Object.entries<Template>(template.Resources ?? {}).filter(([, r]) => r.Type === type);
}
