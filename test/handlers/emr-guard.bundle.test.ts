import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptionsOf, readCustomEsbuild } from '../../scripts/bundle.js';
import { loadEvent } from '../support/events.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';

const ROOT = join(import.meta.dirname, '../..');
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:findings';
let dir: string;
let bundle: string;
let fake: FakeAws;

/** The same esbuild options serverless.yml gives serverless-esbuild (custom.esbuild). */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'emr-guard-bundle-'));
  bundle = join(dir, 'emr-guard.mjs');
  await build({
    ...esbuildOptionsOf(readCustomEsbuild()),
    entryPoints: [join(ROOT, 'functions/handlers/emr-guard.ts')],
    outfile: bundle,
    absWorkingDir: ROOT,
    logLevel: 'silent',
  });
  fake = await startFakeAws();
});

afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function invoke(event: unknown, env: Record<string, string> = {}) {
  const script = `const { handler } = await import(${JSON.stringify(bundle)});
    process.stdout.write(JSON.stringify(await handler(JSON.parse(process.env.EVENT))));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH ?? '',
      ...fake.env(),
      TOPIC_ARN,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      // Metrics print EMF lines on stdout, where this reads the handler's result.
      POWERTOOLS_METRICS_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      EVENT: JSON.stringify(event),
      ...env,
    },
  });
  return JSON.parse(stdout);
}

describe('the built EMR guard bundle, on the wire', () => {
  it('stays under 1 MB', () => {
    expect(statSync(bundle).size).toBeLessThan(1_000_000);
  });

  it('resolves the cluster, fixes Block Public Access when opted in, revokes the world tcp/22 and publishes', async () => {
    const state = fake.state;
    const master = state.addGroup({ GroupName: 'ElasticMapReduce-master' }).GroupId;
    const slave = state.addGroup({ GroupName: 'ElasticMapReduce-slave' }).GroupId;
    for (const [group, peer] of [
      [master, slave],
      [slave, master],
    ] as const)
      state.addRule({
        GroupId: group,
        IpProtocol: '-1',
        FromPort: -1,
        ToPort: -1,
        ReferencedGroupInfo: { GroupId: peer },
      });
    const world = state.addRule({
      GroupId: master,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: '0.0.0.0/0',
    });
    state.addCluster({
      Id: 'j-2AXXXXXXGAPLF',
      Name: 'nightly-etl',
      Status: { State: 'STARTING' },
      Ec2InstanceAttributes: { EmrManagedMasterSecurityGroup: master, EmrManagedSlaveSecurityGroup: slave },
    });
    state.setBlockPublicAccess({
      PermittedPublicSecurityGroupRuleRanges: [
        { MinRange: 22, MaxRange: 22 },
        { MinRange: 8080, MaxRange: 8080 },
      ],
    });

    const result = await invoke(loadEvent('emr-runjobflow-default-groups.json'), {
      EMR_FIX_BLOCK_PUBLIC_ACCESS: 'true',
    });

    expect(result).toMatchObject({ status: 'handled', cluster: 'describe', actions: { revoked: 1 } });
    expect(fake.calls.map((c) => `${c.service} ${c.action} ${c.status}`)).toEqual([
      'emr DescribeCluster 200',
      'emr GetBlockPublicAccessConfiguration 200',
      'emr PutBlockPublicAccessConfiguration 200',
      'ec2 DescribeSecurityGroupRules 200',
      'ec2 RevokeSecurityGroupIngress 200',
      'sns Publish 200',
    ]);
    expect(state.rulesOf(master).map((r) => r.SecurityGroupRuleId)).not.toContain(world);
    expect(state.region().blockPublicAccess).toMatchObject({
      BlockPublicSecurityGroupRules: true,
      PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 8080, MaxRange: 8080 }],
    });
    const published = JSON.parse(JSON.parse(state.published[0]?.Message ?? '{}').default);
    expect(
      published.findings.map((f: { checkId: string; action: { type: string } }) => [
        f.checkId,
        f.action.type,
      ]),
    ).toEqual([
      ['emr-block-public-access', 'narrowed'],
      ['ssh-world-open', 'revoked'],
    ]);
  });
});
