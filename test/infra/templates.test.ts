// Offline validation of everything this repository deploys: the home stack as osls packages it, the
// StackSet build of it, and every template in infra/. Each is checked against the CloudFormation
// resource schemas (scripts/cfn-check.ts), and a broken copy with one planted error of each kind must
// fail, so a green run means the checker looked at these templates, not that it looked away.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeFilesOf, toOrgTemplate } from '../../scripts/build-org-template';
import { checkTemplateWithSpec, loadSpec, loadTemplateFile, type Spec } from '../../scripts/cfn-check';
import { loadPackagedStack, ROOT, type Template } from '../support/packaged-stack';
import { type ErrorKind, PLANTERS } from '../support/plant-error';

const INFRA = join(ROOT, 'infra');
const infraTemplates = readdirSync(INFRA)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => `infra/${file}`);

let spec: Spec;
const templates = new Map<string, Template>();

beforeAll(async () => {
  spec = await loadSpec();
  const { template } = await loadPackagedStack();
  templates.set('packaged serverless.yml', template);
  const codeKeys = Object.fromEntries(codeFilesOf(template).map((file) => [file, `v1-${file}`]));
  templates.set('StackSet build of serverless.yml', toOrgTemplate(template, codeKeys));
  for (const file of infraTemplates) templates.set(file, loadTemplateFile(join(ROOT, file)) as Template);
}, 60_000);

const names = ['packaged serverless.yml', 'StackSet build of serverless.yml', ...infraTemplates];

describe('every deployed template', () => {
  it('includes the forwarder, the CloudTrail prerequisite and the organization rollout', () => {
    expect(infraTemplates).toEqual(
      expect.arrayContaining([
        'infra/regional-forwarder.yml',
        'infra/cloudtrail.yml',
        'infra/org-artifacts.yml',
        'infra/org-stacksets.yml',
      ]),
    );
  });

  it.each(names)('%s has zero problems against the CloudFormation schemas', (name) => {
    expect(checkTemplateWithSpec(templates.get(name), spec)).toEqual([]);
  });
});

const kinds = Object.keys(PLANTERS) as ErrorKind[];
const cases = names.flatMap((name) => kinds.map((kind) => [name, kind] as const));

describe('a broken copy fails validation', () => {
  it.each(cases)('%s with a planted %s', (name, kind) => {
    const broken = structuredClone(templates.get(name)) as Template;
    const site = PLANTERS[kind].plant(broken, spec);
    expect(site, `${name} offers no place for a ${kind}`).toBeDefined();
    const messages = checkTemplateWithSpec(broken, spec).map((p) => `${p.path}: ${p.message}`);
    expect(
      messages.some((m) => PLANTERS[kind].expect.test(m)),
      messages.join('\n'),
    ).toBe(true);
  });
});
