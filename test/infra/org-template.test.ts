// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here are CloudFormation Fn::Sub variables
// The StackSet build of the home stack (npm run package:org): code from the organization's artifact
// bucket, no per-account deployment bucket, every artifact named by its content.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOrgArtifacts, type OrgBuild } from '../../scripts/build-org-template';
import { loadTemplateFile } from '../../scripts/cfn-check';
import { loadPackagedStack, ROOT, resourcesOf, type Template } from '../support/packaged-stack';

let build: OrgBuild;
let template: Template;

beforeAll(async () => {
  const { dir } = await loadPackagedStack();
  build = buildOrgArtifacts(dir, mkdtempSync(join(tmpdir(), 'sig-org-')));
  template = JSON.parse(readFileSync(join(build.outDir, build.guardTemplateKey), 'utf8'));
}, 60_000);

describe('npm run package:org', () => {
  it('writes the guard template, the forwarder template and the code, each named by a content hash', () => {
    expect(build.guardTemplateKey).toMatch(/^ssh-ingress-guard-[0-9a-f]{16}\.json$/);
    expect(build.forwarderTemplateKey).toMatch(/^regional-forwarder-[0-9a-f]{16}\.yml$/);
    expect(build.files).toContainEqual(expect.stringMatching(/^guard-[0-9a-f]{16}\.zip$/));
    for (const file of build.files) expect(existsSync(join(build.outDir, file))).toBe(true);
  });

  it('the forwarder it ships is infra/regional-forwarder.yml', () => {
    expect(readFileSync(join(build.outDir, build.forwarderTemplateKey), 'utf8')).toBe(
      readFileSync(join(ROOT, 'infra/regional-forwarder.yml'), 'utf8'),
    );
  });

  it('drops the osls deployment bucket and loads each function from the artifact bucket', () => {
    expect(JSON.stringify(template)).not.toContain('ServerlessDeploymentBucket');
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(1);
    for (const [logicalId, fn] of functions) {
      const name = logicalId.replace(/LambdaFunction$/, '');
      const zip = build.files.find(
        (f) => f.toLowerCase().startsWith(`${name.toLowerCase()}-`) && f.endsWith('.zip'),
      );
      expect(zip).toBeDefined();
      expect(fn.Properties.Code).toEqual({
        S3Bucket: { Ref: 'ArtifactBucket' },
        S3Key: { 'Fn::Sub': `\${CodePrefix}${zip}` },
      });
    }
  });

  it('passes the StackSet parameters the organization template sets', () => {
    const stackSets = loadTemplateFile(join(ROOT, 'infra/org-stacksets.yml')) as Template;
    const guardParameters = stackSets.Resources.GuardStackSet.Properties.Parameters.map(
      (p: Template) => p.ParameterKey,
    );
    expect(Object.keys(template.Parameters).sort()).toEqual([...guardParameters].sort());
    const forwarder = loadTemplateFile(join(ROOT, 'infra/regional-forwarder.yml')) as Template;
    const forwarderParameters = stackSets.Resources.ForwarderStackSet.Properties.Parameters.map(
      (p: Template) => p.ParameterKey,
    );
    expect(Object.keys(forwarder.Parameters)).toEqual(forwarderParameters);
  });

  it('deploys service-managed, to new accounts automatically', () => {
    const stackSets = loadTemplateFile(join(ROOT, 'infra/org-stacksets.yml')) as Template;
    for (const [, set] of resourcesOf(stackSets, 'AWS::CloudFormation::StackSet'))
      expect(set.Properties).toMatchObject({
        PermissionModel: 'SERVICE_MANAGED',
        AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      });
  });
});
