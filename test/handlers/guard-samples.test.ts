import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { loadEvent, loadManifest } from '../support/events.js';
import { parsePublished } from '../support/finding-schema.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { seedForEvent } from '../support/sample-world.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const manifest = loadManifest();
const securityGroupSamples = manifest.filter(
  (e) => (e.trigger === 'authorize' || e.trigger === 'modify') && e.expect !== 'skipped-error',
);

async function run(file: string, mode = 'revoke') {
  const event = loadEvent(file);
  const { deps, ec2For, publisher } = inMemoryDeps();
  const ec2 = ec2For(String(event.region));
  seedForEvent(event, ec2);
  const before = ec2.rules.size;
  const handler = makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC, REMEDIATION_MODE: mode }), deps, silentLog);
  const result = await handler(event);
  return { result, ec2, publisher, before };
}

describe('the guard over every security group sample in events/', () => {
  it('covers every authorize and modify sample of the manifest', () => {
    expect(securityGroupSamples.length).toBeGreaterThanOrEqual(25);
  });

  it.each(securityGroupSamples.map((e) => [e.file, e] as const))('%s', async (file, entry) => {
    const { result, ec2, publisher, before } = await run(file);
    expect(result.status).toBe('handled');
    const verdicts: Record<string, number> = {};
    // The handler's findings say what was done; the in-memory account shows it was done.
    const documents = publisher.documents();
    const findings = documents.flatMap((d) => d.findings);
    for (const f of findings) verdicts[f.checkId] = (verdicts[f.checkId] ?? 0) + 1;
    const worldOpen = entry.verdicts?.['world-open'] ?? 0;
    const review = entry.verdicts?.review ?? 0;
    expect(result.violations).toBe(worldOpen);
    expect(result.rulesEvaluated).toBe(Object.values(entry.verdicts ?? {}).reduce((a, b) => a + b, 0));
    // World-open alone, or with the group's other public sources (exposure built from parts).
    expect((verdicts['ssh-world-open'] ?? 0) + (verdicts['ssh-aggregate-world-open'] ?? 0)).toBe(worldOpen);
    expect(verdicts['ssh-public-source'] ?? 0).toBe(review);
    expect(publisher.messages).toHaveLength(worldOpen + review > 0 ? 1 : 0);
    for (const m of publisher.messages) parsePublished(m.message);
    expect(ec2.rules.size).toBe(before - worldOpen);
    expect(findings.filter((f) => f.action.type === 'revoked')).toHaveLength(worldOpen);
    expect(ec2.callCount('revokeIngress')).toBe(worldOpen > 0 ? 1 : 0);
  });

  it.each(securityGroupSamples.filter((e) => e.expect === 'world-open').map((e) => [e.file]))(
    '%s changes nothing in report mode and says would-revoke',
    async (file) => {
      const { publisher, ec2 } = await run(file, 'report');
      expect(ec2.callCount('revokeIngress')).toBe(0);
      const findings = publisher.documents().flatMap((d) => d.findings);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((f) => f.action.type === 'would-revoke')).toBe(true);
    },
  );

  it('skips a call that failed (errorCode) without any AWS call', async () => {
    const { result, ec2, publisher } = await run('authorize-failed-errorcode.json');
    expect(result).toMatchObject({
      status: 'skipped',
      reason: 'call failed with Client.UnauthorizedOperation',
    });
    expect(ec2.callCount()).toBe(0);
    expect(publisher.messages).toHaveLength(0);
  });

  it.each(manifest.filter((e) => e.trigger === 'none').map((e) => [e.file]))(
    'ignores %s with a warning and no throw',
    async (file) => {
      const { result, ec2, publisher } = await run(file);
      expect(result.status).toBe('ignored');
      expect(ec2.callCount()).toBe(0);
      expect(publisher.messages).toHaveLength(0);
    },
  );

  it('names who did it, from where, with what, in the finding', async () => {
    const { publisher } = await run('authorize-assumed-role-console.json');
    const [finding] = publisher.documents().flatMap((d) => d.findings);
    expect(finding).toMatchObject({
      region: 'us-east-1',
      trigger: {
        eventName: 'AuthorizeSecurityGroupIngress',
        principalType: 'AssumedRole',
        sourceIp: 'AWS Internal',
        actor: { mfaAuthenticated: true },
      },
    });
    expect(
      (finding as { trigger: { actor: { sessionIssuerArn: string } } }).trigger.actor.sessionIssuerArn,
    ).toMatch(/^arn:aws:iam::/);
  });
});
