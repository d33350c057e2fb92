import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import type { Finding } from '../../functions/core/findings/finding.js';
import { renderMessages } from '../../functions/core/findings/render-message.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent, loadEvent, ruleSetItem, withRuleSet, worldSshRequest } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { seedForEvent } from '../support/sample-world.js';

/** SNS's own limit: body, subject and attributes of one message together (256 KiB). */
const SNS_LIMIT = 256 * 1024;
const config = loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings' });

const sizeOf = (m: { message: string; subject: string; attributes: Record<string, string> }) =>
  Buffer.byteLength(m.message) +
  Buffer.byteLength(m.subject) +
  Object.entries(m.attributes).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

/** A real finding, as the guard publishes it for a sample, to vary. */
async function sampleFinding(): Promise<Finding> {
  const event = loadEvent('authorize-world-ipv4-ssh.json');
  const { deps, ec2For, publisher } = inMemoryDeps();
  seedForEvent(event, ec2For('eu-west-1'));
  await makeGuardHandler(config, deps, silentLog)(event);
  return publisher.documents()[0]?.findings[0] as Finding;
}

/** Texts from empty to far past the limit, in characters JSON escapes twice or UTF-8 spells in 4 bytes. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('x', 'é', '€', '𝄞', '"', '\\', '\n', '<'),
        fc.integer({ min: 1_000, max: 300_000 }),
      )
      .map(([c, n]) => c.repeat(n)),
  },
);

const variation = fc.record({
  description: text,
  summary: text,
  note: text,
  account: text,
  groupName: text,
  errorMessage: text,
  details: fc.array(fc.string({ maxLength: 30 }), { maxLength: 3_000 }),
});

type Variation = typeof variation extends fc.Arbitrary<infer T> ? T : never;

function varied(base: Finding, i: number, v: Variation): Finding {
  return {
    ...base,
    findingId: `${base.findingId}-${i}`,
    summary: v.summary,
    account: v.account,
    resource: {
      ...base.resource,
      description: v.description,
      groupName: v.groupName,
      details: { list: v.details },
    },
    action: { ...base.action, note: v.note, error: { code: 'X', message: v.errorMessage } },
  };
}

describe('Class 7 Hostile shapes: every SNS message stays within 256 KiB', () => {
  it('whatever the texts and counts, every message fits and every finding is in exactly one message', async () => {
    const base = await sampleFinding();
    await fc.assert(
      fc.asyncProperty(fc.array(variation, { minLength: 1, maxLength: 12 }), async (variations) => {
        const findings = variations.map((v, i) => varied(base, i, v));
        const messages = renderMessages(findings);
        for (const m of messages) expect(sizeOf(m)).toBeLessThanOrEqual(SNS_LIMIT);
        expect(messages.flatMap((m) => m.findingIds)).toEqual(findings.map((f) => f.findingId));
        for (const m of messages) {
          const document = JSON.parse(JSON.parse(m.message).default) as { findings: Finding[] };
          expect(document.findings.map((f) => f.findingId)).toEqual(m.findingIds);
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('keeps what a reader keys on when it must cut: ids, check, severity; and says where it cut', async () => {
    const base = await sampleFinding();
    const huge = { ...base, resource: { ...base.resource, description: '"'.repeat(250_000) } };
    const [message, ...rest] = renderMessages([huge]);
    expect(rest).toEqual([]);
    const [published] = (JSON.parse(JSON.parse(message?.message ?? '{}').default) as { findings: Finding[] })
      .findings;
    expect(published).toMatchObject({
      findingId: base.findingId,
      checkId: base.checkId,
      severity: base.severity,
    });
    expect(published?.resource.description).toMatch(/\[cut to fit an SNS message\]$/);
    expect(published?.resource.groupId).toBe(base.resource.groupId);
  });

  it('publishes a rule set event whose rule description is 80,000 quotes (four bytes each once escaped twice) in one message under the limit', async () => {
    const description = '"'.repeat(80_000);
    const event = cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      worldSshRequest(),
      withRuleSet(ruleSetItem({ description })),
    );
    const { deps, publisher } = inMemoryDeps();
    const result = await makeGuardHandler(config, deps, silentLog)(event);
    expect(result).toMatchObject({ status: 'handled', violations: 1 });
    expect(publisher.messages).toHaveLength(1);
    for (const m of publisher.messages) expect(sizeOf(m)).toBeLessThanOrEqual(SNS_LIMIT);
  });
});
