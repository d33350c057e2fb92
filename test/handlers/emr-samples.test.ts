import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeEmrGuardHandler } from '../../functions/handlers/emr-guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { EMR_SAMPLE_GROUPS, LEGACY_WORLD_SSH_RULE, seedEmrSamples } from '../support/emr-samples.js';
import { loadEvent, loadManifest } from '../support/events.js';
import { parsePublished } from '../support/finding-schema.js';
import { inMemoryEmrDeps } from '../support/in-memory-aws.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';

/** What the demo does: a fresh in-memory account seeded with the samples' clusters, per event file. */
async function runSample(file: string) {
  const aws = inMemoryEmrDeps();
  seedEmrSamples(aws);
  const handler = makeEmrGuardHandler(loadConfig({ TOPIC_ARN: TOPIC }), aws.deps, silentLog);
  const result = await handler(loadEvent(file));
  const findings = aws.publisher.messages.flatMap(
    (m) =>
      parsePublished(m.message).default.findings as { checkId: string; resource: Record<string, unknown> }[],
  );
  return { aws, result, findings };
}

const emrSamples = loadManifest().filter((m) => m.file.startsWith('emr-'));

describe('EMR samples against the seeded in-memory account (the demo)', () => {
  it('covers every EMR sample in the manifest', () => {
    expect(emrSamples.map((m) => m.file).sort()).toEqual([
      'emr-runjobflow-default-groups.json',
      'emr-runjobflow-named-groups.json',
      'emr-runjobflow-private-subnet.json',
      'emr-state-bootstrapping.json',
      'emr-state-running.json',
      'emr-state-starting.json',
      'emr-state-terminated.json',
      'emr-state-waiting.json',
    ]);
  });

  it.each(emrSamples.filter((m) => m.expect === 'world-open').map((m) => [m.file]))(
    '%s revokes exactly the legacy world tcp/22 on ElasticMapReduce-master',
    async (file) => {
      const { aws, result, findings } = await runSample(file);
      expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
      expect(aws.ec2For('eu-west-1').calls.filter((c) => c.action === 'revokeIngress')).toEqual([
        {
          action: 'revokeIngress',
          args: { groupId: EMR_SAMPLE_GROUPS.defaultMaster, ruleIds: [LEGACY_WORLD_SSH_RULE] },
        },
      ]);
      expect(findings.find((f) => f.checkId === 'ssh-world-open')?.resource.emr).toMatchObject({
        clusterId: 'j-2AXXXXXXGAPLF',
        clusterName: 'nightly-etl',
        role: 'master',
      });
    },
  );

  it.each(emrSamples.filter((m) => m.expect === 'compliant').map((m) => [m.file]))(
    '%s is compliant: every group evaluated, nothing revoked',
    async (file) => {
      const { aws, result, findings } = await runSample(file);
      expect(result).toMatchObject({ status: 'handled', violations: 0, actions: {} });
      expect((result.groups ?? []).length).toBeGreaterThanOrEqual(3);
      expect(result.rulesEvaluated).toBeGreaterThan(0);
      expect(findings.filter((f) => f.checkId !== 'emr-block-public-access')).toEqual([]);
      for (const region of ['eu-west-1', 'ap-southeast-2'])
        expect(aws.ec2For(region).callCount('revokeIngress')).toBe(0);
    },
  );

  it.each(emrSamples.filter((m) => m.expect === 'ignored').map((m) => [m.file]))(
    '%s is ignored without touching AWS',
    async (file) => {
      const { aws, result } = await runSample(file);
      expect(result.status).toBe('ignored');
      expect(aws.emrFor('eu-west-1').callCount()).toBe(0);
      expect(aws.publisher.messages).toEqual([]);
    },
  );

  it.each([
    ['emr-state-bootstrapping.json', ['emr-block-public-access']],
    ['emr-state-waiting.json', []],
  ])(
    '%s reports Block Public Access only where port 22 is permitted (eu-west-1 keeps the AWS default)',
    async (file, checks) => {
      const { findings } = await runSample(file);
      expect(findings.map((f) => f.checkId)).toEqual(checks);
    },
  );
});

describe('seeding the EMR samples', () => {
  it('restores what a previous run revoked and fixed when called again, so one account can replay every sample', async () => {
    const aws = inMemoryEmrDeps();
    seedEmrSamples(aws);
    const config = loadConfig({ TOPIC_ARN: TOPIC, EMR_FIX_BLOCK_PUBLIC_ACCESS: 'true' });
    const handler = makeEmrGuardHandler(config, aws.deps, silentLog);
    const first = await handler(loadEvent('emr-state-running.json'));
    expect(first.actions).toEqual({ revoked: 1 });
    expect(aws.emrFor('eu-west-1').blockPublicAccess.permittedRanges).toEqual([]);
    const rules = aws.ec2For('eu-west-1').rules.size;
    seedEmrSamples(aws);
    expect(aws.ec2For('eu-west-1').rules.size).toBe(rules + 1);
    expect(aws.emrFor('eu-west-1').blockPublicAccess.permittedRanges).toEqual([{ from: 22, to: 22 }]);
    await expect(handler(loadEvent('emr-state-running.json'))).resolves.toMatchObject({
      actions: { revoked: 1 },
    });
  });
});
