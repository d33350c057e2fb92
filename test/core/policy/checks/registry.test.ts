import { describe, expect, it } from 'vitest';
import { FINDING_KINDS, labelOf } from '../../../../functions/core/findings/finding-kinds.js';
import type { Check } from '../../../../functions/core/policy/checks/check.js';
import { CHECKS } from '../../../../functions/core/policy/checks/index.js';
import { sshRepeatOpen } from '../../../../functions/core/policy/checks/ssh-repeat-open.js';
import { sshWorldOpen } from '../../../../functions/core/policy/checks/ssh-world-open.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const VERDICTS = ['world-open', 'review'];
const SCOPES = ['rule', 'group', 'history', 'host'];

const text = (value: unknown) => typeof value === 'string' && value.trim().length > 0;

/** What a check lacks to describe itself, by field name (empty when complete). */
function missingFields(check: Check): string[] {
  const c = check as unknown as Record<string, unknown>;
  const guidance = (c.guidance ?? {}) as Record<string, unknown>;
  const required: [string, boolean][] = [
    ['id', text(c.id) && /^[a-z0-9-]+$/.test(c.id as string)],
    ['title', text(c.title)],
    ['severity', SEVERITIES.includes(c.severity as string)],
    ['verdict', VERDICTS.includes(c.verdict as string)],
    ['label', text(c.label)],
    ['guidance.revoked', text(guidance.revoked)],
    ['guidance.review', text(guidance.review)],
    ['scope', SCOPES.includes(c.scope as string)],
    ['evaluate', typeof c.evaluate === 'function'],
    ...(c.scope === 'history' ? ([['records', typeof c.records === 'function']] as [string, boolean][]) : []),
  ];
  return required.flatMap(([field, ok]) => (ok ? [] : [field]));
}

describe('the registry of checks', () => {
  it.each(CHECKS.map((c) => [c.id, c]))('%s describes itself fully', (_id, check) => {
    expect(missingFields(check)).toEqual([]);
  });

  it.each([['id'], ['title'], ['severity'], ['verdict'], ['label'], ['guidance'], ['scope'], ['evaluate']])(
    'catches a check without its %s',
    (field) => {
      const { [field as keyof Check]: _dropped, ...partial } = sshWorldOpen;
      expect(missingFields(partial as unknown as Check).join(' ')).toContain(field);
    },
  );

  it('catches a history check that cannot say which rules it records', () => {
    const { records: _dropped, ...partial } = sshRepeatOpen;
    expect(missingFields(partial as unknown as Check)).toEqual(['records']);
  });

  it('catches empty words and unknown severities', () => {
    const broken = {
      ...sshWorldOpen,
      title: ' ',
      severity: 'urgent',
      guidance: { revoked: 'x', review: '' },
    };
    expect(missingFields(broken as unknown as Check)).toEqual(['title', 'severity', 'guidance.review']);
  });

  it('gives every check its own id, title and label', () => {
    for (const field of ['id', 'title', 'label'] as const) {
      expect(new Set(CHECKS.map((c) => c[field])).size).toBe(CHECKS.length);
    }
  });

  it('runs rule checks worst first, then group checks, then history checks, then host checks worst first', () => {
    expect(CHECKS.map((c) => `${c.scope}:${c.id}`)).toEqual([
      'rule:ssh-world-open',
      'rule:ssh-public-source',
      'group:ssh-aggregate-world-open',
      'history:ssh-repeat-open',
      'host:host-sshd-config-unreadable',
      'host:host-root-login',
      'host:host-password-login',
      'host:host-keyboard-interactive',
      'host:host-pubkey-off',
      'host:host-openssh-outdated',
      'host:host-no-brute-force-protection',
      'host:host-no-instance-connect',
    ]);
  });
});

describe('the registry of finding kinds', () => {
  it.each(FINDING_KINDS.map((k) => [`${k.checkId}: ${k.title}`, k]))(
    '%s describes itself fully',
    (_name, kind) => {
      expect(text(kind.checkId) && /^[a-z0-9-]+$/.test(kind.checkId)).toBe(true);
      expect(text(kind.title)).toBe(true);
      expect(SEVERITIES).toContain(kind.severity);
      expect(text(kind.label)).toBe(true);
      expect(typeof kind.guidance).toBe('function');
    },
  );

  it('shares no id with a check, and kinds of one id share one label', () => {
    const checkIds = new Set(CHECKS.map((c) => c.id));
    for (const kind of FINDING_KINDS) {
      expect(checkIds.has(kind.checkId)).toBe(false);
      expect(labelOf(kind.checkId)).toBe(kind.label);
    }
  });
});

describe('the label of a published finding', () => {
  it.each([
    ['ssh-world-open', 'world-open'],
    ['ssh-aggregate-world-open', 'world-open (aggregate)'],
    ['ssh-public-source', 'review'],
    ['sweep-region-failed', 'region not scanned'],
    ['unparsed-event', 'unparsed-event'],
    ['sweep-summary', 'sweep-summary'],
    ['ssh-repeat-open', 'world-open (repeat)'],
  ])('%s reads %s', (checkId, label) => {
    expect(labelOf(checkId)).toBe(label);
  });

  it('fails loudly for an id nobody registered, never falling back to another check', () => {
    expect(() => labelOf('ssh-made-up')).toThrow(
      'No check or finding kind is registered under the id "ssh-made-up"',
    );
  });
});
