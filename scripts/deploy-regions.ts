/**
 * Applies infra/regional-forwarder.yml to every enabled region of the account except the home one,
 * with the AWS CLI and the caller's credentials.
 *
 *   npm run deploy:regions -- --home-region eu-west-1 [--dry-run] [--regions us-east-1,eu-central-1]
 *                             [--stack-name ssh-ingress-guard-forwarder] [--profile name] [--concurrency 4]
 *   npm run remove:regions -- --home-region eu-west-1      (same options; deletes the stacks)
 *
 * Without --regions the enabled regions come from `aws ec2 describe-regions` (opted-in regions only:
 * EventBridge cannot deliver from a region the account has not enabled). --dry-run prints the plan and
 * changes nothing.
 */
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Action = 'deploy' | 'delete';

export interface Options {
  readonly action: Action;
  readonly homeRegion: string;
  readonly regions?: string[];
  readonly stackName: string;
  readonly templateFile: string;
  readonly profile?: string;
  readonly dryRun: boolean;
  readonly concurrency: number;
}

export interface Step {
  readonly region: string;
  readonly argv: string[];
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** A bad option is a usage error naming the option and the accepted form. */
export function parseOptions(args: string[], env: Readonly<Record<string, string | undefined>>): Options {
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const homeRegion = value('--home-region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!homeRegion || !REGION.test(homeRegion))
    throw new Error(`--home-region: expected a region such as eu-west-1, got ${JSON.stringify(homeRegion)}`);
  const regions = value('--regions')?.split(',').filter(Boolean);
  const bad = regions?.find((r) => !REGION.test(r));
  if (bad) throw new Error(`--regions: expected comma-separated regions, got ${JSON.stringify(bad)}`);
  const concurrency = Number(value('--concurrency') ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(
      `--concurrency: expected a positive integer, got ${JSON.stringify(value('--concurrency'))}`,
    );
  const profile = value('--profile');
  return {
    action: args.includes('--delete') ? 'delete' : 'deploy',
    homeRegion,
    ...(regions ? { regions } : {}),
    stackName: value('--stack-name') ?? 'ssh-ingress-guard-forwarder',
    templateFile: value('--template-file') ?? 'infra/regional-forwarder.yml',
    ...(profile ? { profile } : {}),
    dryRun: args.includes('--dry-run'),
    concurrency,
  };
}

/** One AWS CLI call per region other than the home region (which runs the guard itself). */
export function planSteps(options: Options, regions: readonly string[]): Step[] {
  const profile = options.profile ? ['--profile', options.profile] : [];
  return [...new Set(regions)]
    .filter((region) => region !== options.homeRegion)
    .sort()
    .map((region) => ({
      region,
      argv:
        options.action === 'deploy'
          ? [
              'aws',
              ...profile,
              'cloudformation',
              'deploy',
              '--region',
              region,
              '--stack-name',
              options.stackName,
              '--template-file',
              options.templateFile,
              '--parameter-overrides',
              `HomeRegion=${options.homeRegion}`,
              '--capabilities',
              'CAPABILITY_IAM',
              '--no-fail-on-empty-changeset',
            ]
          : [
              'aws',
              ...profile,
              'cloudformation',
              'delete-stack',
              '--region',
              region,
              '--stack-name',
              options.stackName,
            ],
    }));
}

export function describeRegionsArgv(options: Options): string[] {
  const profile = options.profile ? ['--profile', options.profile] : [];
  return [
    'aws',
    ...profile,
    'ec2',
    'describe-regions',
    '--region',
    options.homeRegion,
    '--query',
    'Regions[].RegionName',
    '--output',
    'text',
  ];
}

export interface Runner {
  /** Runs argv; resolves with its exit code and stdout. */
  run(argv: string[]): Promise<{ code: number; stdout: string }>;
}

export const cliRunner: Runner = {
  run: (argv) =>
    new Promise((resolve) => {
      const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
      });
      child.on('error', (error) => resolve({ code: 127, stdout: String(error) }));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
    }),
};

const shellQuote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg}'`);

/** Lists regions, then prints (dry run) or runs the steps; resolves with the process exit code. */
export async function deployRegions(
  options: Options,
  runner: Runner,
  out: (line: string) => void,
): Promise<number> {
  let regions = options.regions;
  if (!regions) {
    const listed = await runner.run(describeRegionsArgv(options));
    if (listed.code !== 0) {
      out('could not list the enabled regions (aws ec2 describe-regions); pass --regions');
      return 1;
    }
    regions = listed.stdout.split(/\s+/).filter(Boolean);
  }
  const steps = planSteps(options, regions);
  const verb = options.action === 'deploy' ? 'deploy the forwarder to' : 'delete the forwarder from';
  out(`home region ${options.homeRegion}: the guard itself (npm run deploy), no forwarder`);
  out(`${options.dryRun ? 'plan: ' : ''}${verb} ${steps.length} region(s)`);
  for (const step of steps) out(`  ${step.region}: ${step.argv.map(shellQuote).join(' ')}`);
  if (options.dryRun) return 0;

  const failed: string[] = [];
  const queue = [...steps];
  const worker = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) {
      const { code } = await runner.run(step.argv);
      out(`${code === 0 ? 'ok    ' : 'FAILED'} ${step.region}`);
      if (code !== 0) failed.push(step.region);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, steps.length) }, worker));
  out(failed.length === 0 ? `done: ${steps.length} region(s)` : `failed in: ${failed.sort().join(', ')}`);
  return failed.length === 0 ? 0 : 1;
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  try {
    const options = parseOptions(process.argv.slice(2), process.env);
    deployRegions(options, cliRunner, (line) => process.stdout.write(`${line}\n`)).then((code) => {
      process.exitCode = code;
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
