import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import type { RegionReport } from '../../functions/core/findings/build-sweep-finding.js';
import type { CurrentRule } from '../../functions/core/model/rule.js';
import type { Trigger } from '../../functions/core/model/trigger.js';
import { runSweep } from '../../functions/pipeline/run-sweep.js';
import { parsePublished } from '../support/finding-schema.js';
import { InMemoryEc2, inMemoryDeps } from '../support/in-memory-aws.js';
import { cidr, ruleOf } from '../support/policy.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const TRIGGER: Trigger = {
  kind: 'schedule',
  eventName: 'Scheduled Event',
  eventId: '1e9101f1-5fac-4f10-bbae-3345760fefe0',
  eventTime: '2026-11-21T09:00:00Z',
  account: '123456789012',
  region: 'eu-west-1',
};
const settings = (env: Record<string, string> = {}) => loadConfig({ TOPIC_ARN: TOPIC, ...env });

/** Each region holds one world-open rule, one private rule and one public (review) rule. */
function account(regions: readonly string[]) {
  const world = inMemoryDeps();
  world.ec2For('eu-west-1').regions = [...regions];
  regions.forEach((region, i) => {
    const groupId = `sg-00000000000000${String(i).padStart(3, '0')}`;
    world
      .ec2For(region)
      .addRules(
        ruleOf({ groupId }),
        ruleOf({ groupId, source: cidr('10.0.0.0/8') }),
        ruleOf({ groupId, source: cidr('52.94.76.10/32') }),
      );
  });
  return world;
}

const documentsOf = (messages: { message: string }[]) =>
  messages.map((m) => parsePublished(m.message).default as { findings: Record<string, unknown>[] });

describe('the sweep', () => {
  it('sweeps every enabled region and publishes its findings and one summary with per-region figures', async () => {
    const { deps, ec2For, publisher } = account(['eu-west-1', 'us-east-1']);
    const result = await runSweep(TRIGGER, settings(), deps, { publish: true });
    expect(result.regions.map((r) => r.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(result.regions[0]).toEqual<RegionReport>({
      region: 'eu-west-1',
      status: 'swept',
      groups: 1,
      rules: 3,
      violations: 1,
      actions: { revoked: 1, review: 1 },
      failures: 0,
      apiCalls: 2, // readAllRules and the revoke (listRegions is the sweep's, not the region's)
      durationMs: 0,
    });
    expect(ec2For('us-east-1').callCount('revokeIngress')).toBe(1);
    const documents = documentsOf(publisher.messages);
    expect(documents).toHaveLength(3);
    const summary = documents[2]?.findings[0] as unknown as {
      checkId: string;
      resource: { details: object };
    };
    expect(summary.checkId).toBe('sweep-summary');
    expect(summary.resource.details).toMatchObject({
      totals: { regions: 2, regionsFailed: 0, rules: 6, violations: 2, apiCalls: 5 },
    });
  });

  it('runs regions concurrently within the bound, turns a failing region into a finding and goes on', async () => {
    const regions = ['ap-east-1', 'eu-west-1', 'eu-west-2', 'us-east-1', 'us-east-2', 'us-west-2'];
    const { deps, ec2For, publisher } = account(regions);
    let inFlight = 0;
    let maxInFlight = 0;
    for (const region of regions) {
      const ec2 = ec2For(region);
      ec2.readAllDelayMs = 15;
      const read = ec2.readAllRules.bind(ec2);
      ec2.readAllRules = async (onPage) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await read(onPage);
        } finally {
          inFlight -= 1;
        }
      };
    }
    ec2For('ap-east-1').readAllFailure = Object.assign(new Error('You are not authorized'), {
      name: 'UnauthorizedOperation',
    });
    const result = await runSweep(TRIGGER, settings({ SWEEP_REGION_CONCURRENCY: '2' }), deps, {
      publish: true,
    });
    expect(maxInFlight).toBe(2);
    expect(result.regions.filter((r) => r.status === 'swept')).toHaveLength(5);
    expect(result.regions[0]).toMatchObject({
      region: 'ap-east-1',
      status: 'failed',
      error: { code: 'UnauthorizedOperation', message: 'You are not authorized' },
    });
    const last = documentsOf(publisher.messages).at(-1)?.findings ?? [];
    expect(last.map((f) => f.checkId)).toEqual(['sweep-summary', 'sweep-region-failed']);
    expect(last[1]).toMatchObject({
      severity: 'high',
      region: 'ap-east-1',
      resource: { type: 'region' },
      action: { type: 'failed', error: { code: 'UnauthorizedOperation' } },
    });
    expect(last[0]).toMatchObject({
      summary: expect.stringMatching(/Not swept: ap-east-1 \(UnauthorizedOperation\)/),
    });
    expect(result.totals).toMatchObject({ regions: 6, regionsFailed: 1, violations: 5 });
  });

  it('chunks a region with many findings into several messages and loses none', async () => {
    const { deps, ec2For, publisher } = inMemoryDeps();
    ec2For('eu-west-1').regions = ['eu-west-1'];
    const rules: CurrentRule[] = Array.from({ length: 1500 }, (_, i) =>
      ruleOf({
        groupId: `sg-${i.toString(16).padStart(17, '0')}`,
        description: `temporary access ${'x'.repeat(80)}`,
      }),
    );
    ec2For('eu-west-1').addRules(...rules);
    const result = await runSweep(TRIGGER, settings({ REMEDIATION_MODE: 'report' }), deps, { publish: true });
    const documents = documentsOf(publisher.messages);
    const ruleMessages = documents.slice(0, -1);
    expect(ruleMessages.length).toBeGreaterThan(1);
    for (const [i, d] of ruleMessages.entries())
      expect(d).toMatchObject({ part: { index: i + 1, count: ruleMessages.length } });
    const published = ruleMessages.flatMap((d) => d.findings.map((f) => f.findingId as string));
    expect(new Set(published).size).toBe(1500);
    expect(published.sort()).toEqual(result.findings.map((f) => f.findingId).sort());
    expect(result.published).toBe(documents.length);
  });

  it('changes nothing in report mode', async () => {
    const { deps, ec2For } = account(['eu-west-1', 'us-east-1']);
    const result = await runSweep(TRIGGER, settings({ REMEDIATION_MODE: 'report' }), deps, { publish: true });
    expect(
      ec2For('eu-west-1').callCount('revokeIngress') + ec2For('us-east-1').callCount('revokeIngress'),
    ).toBe(0);
    expect(result.totals.actions).toEqual({ 'would-revoke': 2, review: 2 });
  });

  it('catches aggregate exposure, because a sweep reads whole groups', async () => {
    const { deps, ec2For } = inMemoryDeps();
    ec2For('eu-west-1').addRules(
      ruleOf({ source: cidr('11.0.0.0/9') }),
      ruleOf({ source: cidr('11.128.0.0/9') }),
    );
    const result = await runSweep(TRIGGER, settings(), deps, { publish: false });
    expect(result.findings.map((f) => [f.checkId, f.action.type])).toEqual([
      ['ssh-aggregate-world-open', 'revoked'],
      ['ssh-public-source', 'review'],
    ]);
    expect(result.findings[0]?.resource.details).toMatchObject({ coveredEquivalentPrefix: '/8' });
  });

  it('sweeps only the given regions without listing them, and publishes nothing when told not to', async () => {
    const { deps, ec2For, publisher } = account(['eu-west-1', 'us-east-1']);
    const result = await runSweep(TRIGGER, settings(), deps, { regions: ['us-east-1'], publish: false });
    expect(result.regions.map((r) => r.region)).toEqual(['us-east-1']);
    expect(ec2For('eu-west-1').callCount('listRegions')).toBe(0);
    expect(publisher.messages).toHaveLength(0);
  });

  it('sweeps the home region and says so when the region list cannot be read', async () => {
    const { deps, ec2For } = account(['eu-west-1', 'us-east-1']);
    ec2For('eu-west-1').listRegions = async () => {
      throw Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' });
    };
    const result = await runSweep(TRIGGER, settings(), deps, { publish: false });
    expect(result.regions.map((r) => r.region)).toEqual(['eu-west-1']);
    expect(result.summary).toMatchObject({
      severity: 'high',
      summary: expect.stringMatching(/region list could not be read \(UnauthorizedOperation\)/),
    });
  });

  it('gives the same finding ids when the same scheduled event is swept again', async () => {
    const { deps } = account(['eu-west-1']);
    const sweep = () => runSweep(TRIGGER, settings({ REMEDIATION_MODE: 'report' }), deps, { publish: false });
    const first = await sweep();
    const again = await sweep();
    expect(first.findings).toHaveLength(2);
    expect(again.findings.map((f) => f.findingId)).toEqual(first.findings.map((f) => f.findingId));
    const next = await runSweep(
      { ...TRIGGER, eventId: 'another-sweep' },
      settings({ REMEDIATION_MODE: 'report' }),
      deps,
      {
        publish: false,
      },
    );
    expect(next.findings[0]?.findingId).not.toBe(first.findings[0]?.findingId);
  });

  it('throws when publishing fails, after the regions in flight have settled', async () => {
    const { deps, publisher } = account(['eu-west-1', 'us-east-1']);
    publisher.failWith = new Error('SNS down');
    await expect(runSweep(TRIGGER, settings(), deps, { publish: true })).rejects.toThrow(/publishing/);
  });

  it('reports progress: the region list, rules read, and each region done', async () => {
    const { deps } = account(['eu-west-1', 'us-east-1']);
    const seen: string[] = [];
    await runSweep(TRIGGER, settings(), deps, {
      publish: false,
      onProgress: (p) => seen.push(p.kind === 'region-done' ? `done ${p.done}/${p.total}` : p.kind),
    });
    expect(seen).toEqual(['regions', 'rules-read', 'rules-read', 'done 1/2', 'done 2/2']);
  });
});

describe('the in-memory EC2 port used above', () => {
  it('is an InMemoryEc2 per region', () => {
    expect(inMemoryDeps().ec2For('eu-west-1')).toBeInstanceOf(InMemoryEc2);
  });
});
