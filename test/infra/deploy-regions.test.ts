// `npm run deploy:regions` cannot reach AWS here: its plan is tested offline with the region list
// injected, and its runner replaced by a recording fake.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  deployRegions,
  type Options,
  parseOptions,
  planSteps,
  type Runner,
} from '../../scripts/deploy-regions';
import { ROOT } from '../support/packaged-stack';

const options = (args: string[]): Options => parseOptions(args, {});

function fakeRunner(
  answer: (argv: string[]) => { code: number; stdout: string } = () => ({ code: 0, stdout: '' }),
) {
  const calls: string[][] = [];
  const runner: Runner = {
    run: async (argv) => {
      calls.push(argv);
      return answer(argv);
    },
  };
  return { runner, calls };
}

describe('the plan', () => {
  it('deploys the forwarder to every listed region but the home one, in region order', () => {
    const steps = planSteps(options(['--home-region', 'eu-west-1']), [
      'us-east-1',
      'eu-west-1',
      'ap-south-1',
    ]);
    expect(steps.map((s) => s.region)).toEqual(['ap-south-1', 'us-east-1']);
    expect(steps[0]?.argv).toEqual([
      'aws',
      'cloudformation',
      'deploy',
      '--region',
      'ap-south-1',
      '--stack-name',
      'ssh-ingress-guard-forwarder',
      '--template-file',
      'infra/regional-forwarder.yml',
      '--parameter-overrides',
      'HomeRegion=eu-west-1',
      '--capabilities',
      'CAPABILITY_IAM',
      '--no-fail-on-empty-changeset',
    ]);
  });

  it('deletes the same stacks with --delete, and passes --profile through', () => {
    const steps = planSteps(options(['--home-region', 'eu-west-1', '--delete', '--profile', 'sec']), [
      'us-east-1',
    ]);
    expect(steps[0]?.argv).toEqual([
      'aws',
      '--profile',
      'sec',
      'cloudformation',
      'delete-stack',
      '--region',
      'us-east-1',
      '--stack-name',
      'ssh-ingress-guard-forwarder',
    ]);
  });

  it.each([
    [['--home-region', 'Ireland'], /--home-region: expected a region/],
    [[], /--home-region: expected a region/],
    [
      ['--home-region', 'eu-west-1', '--regions', 'us-east-1,mars'],
      /--regions: expected comma-separated regions/,
    ],
    [['--home-region', 'eu-west-1', '--concurrency', '0'], /--concurrency: expected a positive integer/],
  ])('rejects %j naming the option', (args, message) => {
    expect(() => options(args)).toThrow(message);
  });

  it('takes the home region from AWS_REGION when not given', () => {
    expect(parseOptions([], { AWS_REGION: 'sa-east-1' }).homeRegion).toBe('sa-east-1');
  });
});

describe('running it', () => {
  it('--dry-run prints the plan and calls nothing', async () => {
    const { runner, calls } = fakeRunner();
    const lines: string[] = [];
    const code = await deployRegions(
      options(['--home-region', 'eu-west-1', '--regions', 'eu-west-1,us-east-1', '--dry-run']),
      runner,
      (l) => lines.push(l),
    );
    expect(code).toBe(0);
    expect(calls).toEqual([]);
    expect(lines[1]).toBe('plan: deploy the forwarder to 1 region(s)');
    expect(lines[2]).toMatch(/^ {2}us-east-1: aws cloudformation deploy --region us-east-1 /);
  });

  it('lists the enabled regions with describe-regions when none are given', async () => {
    const { runner, calls } = fakeRunner((argv) => ({
      code: 0,
      stdout: argv.includes('describe-regions') ? 'eu-west-1\tus-west-2\n' : '',
    }));
    await deployRegions(options(['--home-region', 'eu-west-1', '--dry-run']), runner, () => {});
    expect(calls).toEqual([
      [
        'aws',
        'ec2',
        'describe-regions',
        '--region',
        'eu-west-1',
        '--query',
        'Regions[].RegionName',
        '--output',
        'text',
      ],
    ]);
  });

  it('deploys every region and exits 1 naming the ones that failed', async () => {
    const { runner, calls } = fakeRunner((argv) => ({
      code: argv.includes('ap-south-1') ? 255 : 0,
      stdout: '',
    }));
    const lines: string[] = [];
    const code = await deployRegions(
      options([
        '--home-region',
        'eu-west-1',
        '--regions',
        'ap-south-1,us-east-1,eu-central-1',
        '--concurrency',
        '2',
      ]),
      runner,
      (l) => lines.push(l),
    );
    expect(calls.map((argv) => argv[4]).sort()).toEqual(['ap-south-1', 'eu-central-1', 'us-east-1']);
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe('failed in: ap-south-1');
  });

  it('the CLI prints the plan offline with --dry-run', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/deploy-regions.ts',
        '--home-region',
        'eu-west-1',
        '--regions',
        'us-east-1,eu-west-1',
        '--dry-run',
      ],
      { cwd: ROOT },
    );
    expect(stdout.split('\n')[0]).toBe(
      'home region eu-west-1: the guard itself (npm run deploy), no forwarder',
    );
    expect(stdout).toContain('us-east-1: aws cloudformation deploy --region us-east-1');
  });
});
