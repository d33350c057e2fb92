import { describe, expect, it } from 'vitest';
import type { Permission } from '../../functions/core/remediation/permission.js';
import type { PlannedAction } from '../../functions/core/remediation/plan.js';
import type { AuthorizeResult, RevokeResult } from '../../functions/deps.js';
import { outcomeOf, outcomeWithoutActing } from '../../functions/pipeline/step-outcome.js';
import { contextOf, flaggedRule, ruleOf } from '../support/policy.js';

const GROUP = 'sg-0a1b2c3d4e5f60001';
const RULE = 'sgr-0000000000000aaaa';
const rule = ruleOf({ groupId: GROUP, ruleId: RULE, ports: { from: 0, to: 65535 } });
const evaluation = flaggedRule(rule, contextOf());
const KEEP: Permission = {
  protocol: 'tcp',
  ports: { from: 23, to: 65535 },
  source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
};
const created = { ...rule, ruleId: 'sgr-0000000000000bbbb', ports: KEEP.ports };
const AUTHORIZED: AuthorizeResult = { status: 'authorized', created: [created], alreadyPresent: [] };
const REFUSED: AuthorizeResult = {
  status: 'failed',
  code: 'RulesPerSecurityGroupLimitExceeded',
  message: 'full',
  created: [],
};
const REVOKED: RevokeResult = { status: 'revoked', ruleId: RULE };
const GONE: RevokeResult = { status: 'already-gone', evidence: 'EC2 answered InvalidPermission.NotFound' };
const DENIED: RevokeResult = { status: 'failed', code: 'UnauthorizedOperation', message: 'denied' };

const outcome = (action: PlannedAction, revoke: RevokeResult, narrowed?: AuthorizeResult) =>
  outcomeOf({ evaluation, action }, rule, {
    groupId: GROUP,
    revoked: new Map([[RULE, revoke]]),
    ...(narrowed ? { narrowed } : {}),
  });

describe('reading one step’s outcome from its group’s calls', () => {
  it.each<[string, PlannedAction, RevokeResult, AuthorizeResult | undefined, string, string | undefined]>([
    ['a revoke that went', { kind: 'revoke' }, REVOKED, undefined, 'revoked', undefined],
    [
      'a revoke of a rule already gone',
      { kind: 'revoke' },
      GONE,
      undefined,
      'already-gone',
      'tcp/0-65535 from 0.0.0.0/0 is no longer in sg-0a1b2c3d4e5f60001 (EC2 answered InvalidPermission.NotFound)',
    ],
    ['a refused revoke', { kind: 'revoke' }, DENIED, undefined, 'failed', undefined],
    ['a narrowing', { kind: 'narrow', keep: [KEEP] }, REVOKED, AUTHORIZED, 'narrowed', undefined],
    [
      'a refused narrowing',
      { kind: 'narrow', keep: [KEEP] },
      REVOKED,
      REFUSED,
      'revoked',
      'narrowing failed (RulesPerSecurityGroupLimitExceeded)',
    ],
    [
      'a narrowing whose wide rule was gone (nothing was added for it)',
      { kind: 'narrow', keep: [KEEP] },
      GONE,
      undefined,
      'already-gone',
      'is no longer in sg-0a1b2c3d4e5f60001',
    ],
    [
      'a narrowing whose wide rule could not be removed',
      { kind: 'narrow', keep: [KEEP] },
      DENIED,
      undefined,
      'failed',
      undefined,
    ],
  ])('%s is %s', (_name, action, revoke, narrowed, expected, note) => {
    const result = outcome(action, revoke, narrowed);
    expect(result.action).toBe(expected);
    if (note) expect(result.note).toContain(note);
    else expect(result.note).toBeUndefined();
  });

  it('names the revoke call, its rule and the AWS error in the changes', () => {
    expect(outcome({ kind: 'revoke' }, DENIED).changes).toEqual([
      {
        call: 'RevokeSecurityGroupIngress',
        groupId: GROUP,
        outcome: 'failed',
        ruleIds: [RULE],
        error: { code: 'UnauthorizedOperation', message: 'denied' },
      },
    ]);
  });

  it.each<[PlannedAction, string]>([
    [{ kind: 'revoke' }, 'would-revoke'],
    [{ kind: 'narrow', keep: [KEEP] }, 'would-revoke'],
    [{ kind: 'replace', add: [KEEP] }, 'would-revoke'],
    [{ kind: 'none', outcome: 'exempted' }, 'exempted'],
    [{ kind: 'none', outcome: 'already-gone' }, 'already-gone'],
  ])('a step not carried out (%j) says %s', (action, expected) => {
    expect(outcomeWithoutActing({ evaluation, action })).toEqual({ evaluation, action: expected });
  });
});
