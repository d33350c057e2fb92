/**
 * Turns the packaged home stack (`osls package` output) into a template a service-managed StackSet
 * can deploy in every account: the code comes from one shared artifact bucket (infra/org-artifacts.yml)
 * instead of a per-account deployment bucket that osls would create and fill.
 *
 *   npm run package -- --param="alertEmail=..."   # osls package, parameters as for npm run deploy
 *   npm run package:org [-- --package-dir .serverless --out .serverless/org]
 *
 * writes <out>/ssh-ingress-guard-<hash>.json, <out>/regional-forwarder-<hash>.yml and the code zips
 * named by content hash (so every change of code or template is a new key, and a StackSet update
 * notices it), then prints the upload and deploy commands.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here are CloudFormation Fn::Sub variables
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const DEPLOYMENT_BUCKET = 'ServerlessDeploymentBucket';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation templates are free-form JSON
type Template = Record<string, any>;

export const shortHash = (content: string | Buffer): string =>
  createHash('sha256').update(content).digest('hex').slice(0, 16);

/** The zip file names (e.g. `guard.zip`) the packaged functions load their code from. */
export function codeFilesOf(template: Template): string[] {
  return Object.values<Template>(template.Resources ?? {})
    .filter((r) => r.Type === 'AWS::Lambda::Function')
    .map((r) => basename(String(r.Properties?.Code?.S3Key ?? '')));
}

/**
 * The packaged template without the osls deployment bucket; `codeKeys` maps each zip name to its name
 * in the artifact bucket (under the CodePrefix parameter).
 */
export function toOrgTemplate(packaged: Template, codeKeys: Record<string, string>): Template {
  const t: Template = structuredClone(packaged);
  delete t.Resources[DEPLOYMENT_BUCKET];
  delete t.Resources[`${DEPLOYMENT_BUCKET}Policy`];
  for (const [name, output] of Object.entries<Template>(t.Outputs ?? {})) {
    if (JSON.stringify(output.Value).includes(DEPLOYMENT_BUCKET)) delete t.Outputs[name];
  }
  t.Description = 'ssh-ingress-guard home stack for StackSets (built by scripts/build-org-template.ts)';
  t.Parameters = {
    ...t.Parameters,
    ArtifactBucket: { Type: 'String', Description: 'Bucket holding the code (infra/org-artifacts.yml)' },
    CodePrefix: {
      Type: 'String',
      Default: 'ssh-ingress-guard/',
      Description: 'Key prefix of the code zips in the artifact bucket',
    },
  };
  for (const resource of Object.values<Template>(t.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const file = basename(String(resource.Properties.Code.S3Key));
    const key = codeKeys[file];
    if (!key) throw new Error(`no artifact key for ${file}`);
    resource.Properties.Code = {
      S3Bucket: { Ref: 'ArtifactBucket' },
      S3Key: { 'Fn::Sub': `\${CodePrefix}${key}` },
    };
  }
  const leftover = JSON.stringify(t).includes(DEPLOYMENT_BUCKET);
  if (leftover) throw new Error(`${DEPLOYMENT_BUCKET} is still referenced after the rewrite`);
  return t;
}

/** Versioned file name: `name-<hash>.ext`. */
const versioned = (file: string, content: string | Buffer): string => {
  const dot = file.lastIndexOf('.');
  return `${file.slice(0, dot)}-${shortHash(content)}${file.slice(dot)}`;
};

export interface OrgBuild {
  readonly outDir: string;
  readonly guardTemplateKey: string;
  readonly forwarderTemplateKey: string;
  readonly files: string[];
}

export function buildOrgArtifacts(packageDir: string, outDir: string): OrgBuild {
  const packaged = JSON.parse(
    readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  );
  mkdirSync(outDir, { recursive: true });
  const codeKeys: Record<string, string> = {};
  for (const file of codeFilesOf(packaged)) {
    const zip = readFileSync(join(packageDir, file));
    codeKeys[file] = versioned(file, zip);
    copyFileSync(join(packageDir, file), join(outDir, codeKeys[file]));
  }
  const guard = `${JSON.stringify(toOrgTemplate(packaged, codeKeys), null, 2)}\n`;
  const guardTemplateKey = versioned('ssh-ingress-guard.json', guard);
  writeFileSync(join(outDir, guardTemplateKey), guard);
  const forwarder = readFileSync(join(ROOT, 'infra/regional-forwarder.yml'), 'utf8');
  const forwarderTemplateKey = versioned('regional-forwarder.yml', forwarder);
  writeFileSync(join(outDir, forwarderTemplateKey), forwarder);
  return {
    outDir,
    guardTemplateKey,
    forwarderTemplateKey,
    files: [...Object.values(codeKeys), guardTemplateKey, forwarderTemplateKey],
  };
}

function main(args: string[]): void {
  const option = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
  };
  const packageDir = option('--package-dir', join(ROOT, '.serverless'));
  const build = buildOrgArtifacts(packageDir, option('--out', join(packageDir, 'org')));
  const prefix = 'ssh-ingress-guard/';
  process.stdout.write(
    [
      `wrote ${build.files.join(', ')} to ${build.outDir}`,
      '',
      'Upload (management account, home region):',
      `  aws s3 cp ${build.outDir} s3://<artifact-bucket>/${prefix} --recursive`,
      'Deploy or upgrade the StackSets:',
      '  aws cloudformation deploy --stack-name ssh-ingress-guard-org --template-file infra/org-stacksets.yml \\',
      `    --parameter-overrides GuardTemplateKey=${prefix}${build.guardTemplateKey} \\`,
      `      ForwarderTemplateKey=${prefix}${build.forwarderTemplateKey} ArtifactBucket=<artifact-bucket> \\`,
      '      OrganizationalUnitIds=<r-... or ou-...> HomeRegion=<home-region> ForwarderRegions=<all regions> \\',
      '      CentralTopicArn=<HubTopicArn> CentralBusArn=<HubBusArn>   # optional, from infra/hub.yml',
      '',
    ].join('\n'),
  );
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  main(process.argv.slice(2));
}
