import { describe, expect, it } from 'vitest';
import { parseComplianceChange } from '../../functions/parse/compliance-change.js';
import { loadEvent } from '../support/events.js';

describe('a Configuration Compliance State Change for SSH posture', () => {
  it.each([
    ['ssm-compliance-ssh-posture-non-compliant.json', 'non-compliant'],
    ['ssm-compliance-ssh-posture-compliant.json', 'compliant'],
  ])('%s is a change of i-0a1b2c3d4e5f60718 to %s', (file, status) => {
    expect(parseComplianceChange(loadEvent(file).detail)).toEqual({
      ok: true,
      value: {
        instanceId: 'i-0a1b2c3d4e5f60718',
        complianceType: 'Custom:SshPosture',
        status,
        lastRuntime: '2026-11-21T10:04:09Z',
      },
    });
  });

  const base = loadEvent('ssm-compliance-ssh-posture-non-compliant.json').detail;
  it.each([
    ['NON_COMPLIANT', 'non-compliant'],
    ['COMPLIANT', 'compliant'],
    ['non_compliant', 'non-compliant'],
  ])('reads the status %s as %s', (raw, status) => {
    const parsed = parseComplianceChange({ ...base, 'compliance-status': raw });
    expect(parsed.ok && parsed.value.status).toBe(status);
  });

  it.each([
    ['not an object', 'x', /not an object/],
    [
      'another compliance type (Patch)',
      loadEvent('ssm-compliance-patch-non-compliant.json').detail,
      /compliance-type is Patch/,
    ],
    ['no compliance type', { ...base, 'compliance-type': undefined }, /compliance-type is missing/],
    ['a resource that is not a managed instance', { ...base, 'resource-type': 'Document' }, /resource-type/],
    ['a resource id that is not an instance id', { ...base, 'resource-id': 'sg-0abc' }, /not an instance id/],
    ['a missing resource id', { ...base, 'resource-id': undefined }, /resource-id/],
    ['an unknown status', { ...base, 'compliance-status': 'pending' }, /compliance-status pending/],
  ])('rejects %s with a reason', (_name, detail, reason) => {
    const parsed = parseComplianceChange(detail);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });

  it('accepts hybrid managed instances (mi-)', () => {
    expect(parseComplianceChange({ ...base, 'resource-id': 'mi-0123456789abcdef0' }).ok).toBe(true);
  });
});
