import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadEvent } from '../support/events.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';

const ROOT = join(import.meta.dirname, '../..');
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const dir = mkdtempSync(join(tmpdir(), 'sig-sweep-'));
const bundle = join(dir, 'sweep.mjs');
let fake: FakeAws;

/** The sweep function bundled with serverless.yml's own esbuild settings (ESM, minified, banner). */
async function bundleSweep(): Promise<void> {
  // CloudFormation tags (!Ref, !Sub) mean nothing here; only custom.esbuild is read.
  const esbuild = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'error' }).custom
    .esbuild;
  await build({
    entryPoints: [join(ROOT, 'functions/handlers/sweep.ts')],
    outfile: bundle,
    bundle: true,
    minify: esbuild.minify,
    format: esbuild.format,
    platform: esbuild.platform,
    target: 'node20',
    mainFields: esbuild.mainFields,
    banner: esbuild.banner,
    logLevel: 'silent',
  });
}

async function invoke(event: unknown) {
  const script =
    'const m = await import(process.argv[1]); console.log(JSON.stringify(await m.handler(JSON.parse(process.argv[2]))));';
  const { stdout } = await promisify(execFile)(
    'node',
    ['--input-type=module', '-e', script, bundle, JSON.stringify(event)],
    {
      env: {
        ...process.env,
        ...fake.env(),
        TOPIC_ARN: TOPIC,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        // Metrics print EMF lines on stdout, where this reads the handler's result.
        POWERTOOLS_METRICS_DISABLED: 'true',
        SWEEP_REGION_CONCURRENCY: '2',
      },
    },
  );
  return JSON.parse(stdout);
}

beforeAll(async () => {
  fake = await startFakeAws({ regions: ['eu-west-1', 'us-east-1', 'ap-east-1'] });
  await bundleSweep();
}, 60_000);

afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built sweep bundle over the wire (loopback EC2 and SNS)', () => {
  it('lists regions, pages every rule, revokes by id, reports a denied region, and publishes', async () => {
    // eu-west-1: 1,200 rules over 30 groups, one world-open; us-east-1: one world-open; ap-east-1: denied.
    const eu = fake.state.region('eu-west-1');
    for (let g = 0; g < 30; g++) {
      const { GroupId } = eu.addGroup();
      for (let r = 0; r < 40; r++) {
        const world = g === 4 && r === 0;
        eu.addRule({
          GroupId,
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          CidrIpv4: world ? '0.0.0.0/0' : `10.${g}.${r}.0/24`,
        });
      }
    }
    const us = fake.state.region('us-east-1');
    us.addRule({
      GroupId: us.addGroup().GroupId,
      IpProtocol: '-1',
      FromPort: -1,
      ToPort: -1,
      CidrIpv6: '::/0',
    });
    fake.faults.add({
      kind: 'error',
      code: 'UnauthorizedOperation',
      status: 403,
      region: 'ap-east-1',
      action: 'DescribeSecurityGroupRules',
    });

    const result = await invoke(loadEvent('schedule-sweep.json'));

    expect(result).toMatchObject({
      status: 'handled',
      regions: 3,
      regionsFailed: ['ap-east-1'],
      rulesEvaluated: 1201,
      violations: 2,
      actions: { revoked: 2 },
      published: 3,
    });
    const ec2Calls = fake.calls.filter((c) => c.service === 'ec2');
    expect(ec2Calls.filter((c) => c.action === 'DescribeRegions')).toHaveLength(1);
    const euPages = ec2Calls.filter(
      (c) => c.action === 'DescribeSecurityGroupRules' && c.region === 'eu-west-1',
    );
    expect(euPages.map((c) => (c.params as Record<string, string>).MaxResults)).toEqual(['1000', '1000']);
    expect(
      ec2Calls
        .filter((c) => c.action === 'RevokeSecurityGroupIngress')
        .map((c) => c.region)
        .sort(),
    ).toEqual(['eu-west-1', 'us-east-1']);
    expect(eu.rules.size).toBe(1199);
    const published = fake.state.published.map((m) => JSON.parse(JSON.parse(m.Message).default));
    const last = published.at(-1).findings.map((f: { checkId: string }) => f.checkId);
    expect(last).toEqual(['sweep-summary', 'sweep-region-failed']);
  });
});
