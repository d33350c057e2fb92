import { describe, expect, it } from 'vitest';
import { buildUnparsedFinding } from '../../../functions/core/findings/build-event-finding.js';
import { buildRuleFinding, type RuleOutcome } from '../../../functions/core/findings/build-finding.js';
import type { ActionTaken } from '../../../functions/core/findings/finding.js';
import { MAX_MESSAGE_BYTES, renderMessages } from '../../../functions/core/findings/render-message.js';
import type { Trigger } from '../../../functions/core/model/trigger.js';
import { assertValidFindingMessage, parsePublished } from '../../support/finding-schema.js';
import { cidr, contextOf, flaggedRule, NOW, ruleOf } from '../../support/policy.js';

const trigger: Trigger = {
  kind: 'cloudtrail',
  eventName: 'AuthorizeSecurityGroupIngress',
  eventId: '6b9a1e0c-3c5d-4b2e-9f5e-1a2b3c4d5e6f',
  eventTime: '2026-11-21T09:59:58Z',
  account: '123456789012',
  region: 'eu-west-1',
  actor: {
    arn: 'arn:aws:iam::123456789012:user/alice',
    principalType: 'IAMUser',
    principalId: 'AIDAEXAMPLE',
  },
  sourceIp: '198.51.100.23',
  userAgent: 'aws-cli/2.15.0',
};

function findingFor(action: ActionTaken, overrides = {}, error?: { code: string; message: string }) {
  const outcome: RuleOutcome = {
    evaluation: flaggedRule(ruleOf(overrides), contextOf()),
    action,
    ...(error ? { error } : {}),
  };
  return buildRuleFinding(outcome, { trigger, mode: 'revoke', now: NOW });
}

describe('findings and their SNS messages', () => {
  it('renders one message with the subject, attributes, machine document and email text', () => {
    const finding = findingFor('revoked', { groupId: 'sg-0abc' });
    const [message, ...rest] = renderMessages([finding]);
    expect(rest).toHaveLength(0);
    expect(message?.subject).toBe(
      '[ssh-ingress-guard] REVOKED tcp/22 from 0.0.0.0/0 on sg-0abc (123456789012/eu-west-1)',
    );
    expect(message?.attributes).toEqual({
      severity: 'high',
      action: 'revoked',
      account: '123456789012',
      region: 'eu-west-1',
      trigger: 'AuthorizeSecurityGroupIngress',
    });
    const body = parsePublished(message?.message ?? '');
    expect(body.default).toMatchObject({ schemaVersion: '1.0', part: { index: 1, count: 1 } });
    expect(body.email).toContain('REVOKED [high] tcp/22 from 0.0.0.0/0 on sg-0abc');
    expect(body.email).toContain('by arn:aws:iam::123456789012:user/alice from 198.51.100.23');
    expect(body.email).toContain('EC2 Instance Connect');
  });

  it('gives the same finding id for the same event and rule, and a different one otherwise', () => {
    const rule = ruleOf();
    const ctx = { trigger, mode: 'revoke', now: NOW };
    const once = buildRuleFinding({ evaluation: flaggedRule(rule, contextOf()), action: 'revoked' }, ctx);
    const again = buildRuleFinding(
      { evaluation: flaggedRule(rule, contextOf()), action: 'already-gone' },
      ctx,
    );
    const otherEvent = buildRuleFinding(
      { evaluation: flaggedRule(rule, contextOf()), action: 'revoked' },
      { ...ctx, trigger: { ...trigger, eventId: 'another' } },
    );
    expect(again.findingId).toBe(once.findingId);
    expect(otherEvent.findingId).not.toBe(once.findingId);
    expect(once.findingId).toMatch(/^sig-[0-9a-f]{32}$/);
  });

  it.each<[ActionTaken, string, string]>([
    ['failed', 'critical', 'could NOT remove'],
    ['would-revoke', 'high', 'report mode'],
    ['already-gone', 'high', 'no longer in the group when the guard acted'],
    ['exempted', 'low', 'exemption'],
  ])('a %s finding is %s and tells the reader what happened', (action, severity, text) => {
    const finding = findingFor(
      action,
      {},
      action === 'failed' ? { code: 'UnauthorizedOperation', message: 'denied by SCP' } : undefined,
    );
    expect(finding.severity).toBe(severity);
    expect(finding.guidance).toContain(text);
    assertValidFindingMessage({
      schemaVersion: '1.0',
      product: 'ssh-ingress-guard',
      part: { index: 1, count: 1 },
      findings: [finding],
    });
  });

  it('names the most important action and the highest severity when one message carries several', () => {
    const [message] = renderMessages([
      findingFor('revoked', { groupId: 'sg-0aaa' }),
      findingFor('failed', { groupId: 'sg-0bbb' }, { code: 'UnauthorizedOperation', message: 'x' }),
      findingFor('review', { groupId: 'sg-0ccc', source: cidr('52.94.76.10/32') }),
    ]);
    expect(message?.attributes).toMatchObject({ severity: 'critical', action: 'failed' });
    expect(message?.subject).toBe(
      '[ssh-ingress-guard] FAILED 3 findings on sg-0aaa, sg-0bbb, ... (123456789012/eu-west-1)',
    );
  });

  it('keeps subjects to 100 printable characters', () => {
    const finding = findingFor('revoked', { groupName: 'x'.repeat(200), groupId: undefined });
    const [message] = renderMessages([finding]);
    expect(message?.subject.length).toBeLessThanOrEqual(100);
    expect(message?.subject).toMatch(/^[\x20-\x7e]+$/);
  });

  it('chunks findings that exceed the SNS size limit, every part valid and no finding lost', () => {
    const findings = Array.from({ length: 400 }, (_, i) =>
      findingFor('revoked', {
        description: `rule ${i} ${'d'.repeat(250)}`,
        source: cidr(`${i % 200}.0.0.0/0`),
      }),
    );
    const messages = renderMessages(findings);
    expect(messages.length).toBeGreaterThan(1);
    const ids = messages.flatMap((m) => {
      expect(Buffer.byteLength(m.message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      const body = parsePublished(m.message);
      expect(body.default.part).toEqual({ index: messages.indexOf(m) + 1, count: messages.length });
      expect(m.subject).toMatch(/\(part \d+\/\d+\)$/);
      return (body.default.findings as { findingId: string }[]).map((f) => f.findingId);
    });
    expect(ids).toEqual(findings.map((f) => f.findingId));
  });

  it('validates the unparsed-event finding against the schema', () => {
    const finding = buildUnparsedFinding(trigger, 'ipProtocol not understood', 'revoke', NOW);
    expect(finding).toMatchObject({
      checkId: 'unparsed-event',
      severity: 'high',
      action: { type: 'reported' },
    });
    const [message] = renderMessages([finding]);
    parsePublished(message?.message ?? '');
  });

  it('publishes nothing for no findings', () => {
    expect(renderMessages([])).toEqual([]);
  });
});
