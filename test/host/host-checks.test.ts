import { describe, expect, it } from 'vitest';
import { buildHostFindings } from '../../functions/core/findings/build-host-finding.js';
import { summarisePosture } from '../../functions/core/model/host-posture.js';
import { HOST_CHECKS } from '../../functions/core/policy/checks/host-checks.js';
import { assertValidFindingMessage } from '../support/finding-schema.js';
import { POSTURE_CONTROLS, POSTURE_TRIGGER, postureOf } from '../support/host-posture.js';

const ctx = { trigger: POSTURE_TRIGGER, mode: 'revoke', now: new Date('2026-11-21T10:05:00Z') };
const failingChecks = (failing: Record<string, string>) =>
  buildHostFindings(postureOf('i-0a1b2c3d4e5f60718', failing), ctx).map((f) => [f.checkId, f.severity]);

describe('host checks read one control each', () => {
  it('a hardened host with EC2 Instance Connect gives no finding', () => {
    expect(failingChecks({})).toEqual([]);
  });

  it.each([
    ['SshdConfiguration', 'sshd: bad configuration', 'host-sshd-config-unreadable', 'high'],
    ['PermitRootLogin', 'yes', 'host-root-login', 'critical'],
    ['PasswordAuthentication', 'yes', 'host-password-login', 'high'],
    ['KbdInteractiveAuthentication', 'yes', 'host-keyboard-interactive', 'high'],
    ['PubkeyAuthentication', 'no', 'host-pubkey-off', 'medium'],
    ['OpenSshVersion', '7.4', 'host-openssh-outdated', 'high'],
    ['BruteForceProtection', 'none', 'host-no-brute-force-protection', 'medium'],
    ['Ec2InstanceConnect', 'not installed', 'host-no-instance-connect', 'info'],
  ])('%s = %s fails alone as %s (%s)', (control, value, checkId, severity) => {
    expect(failingChecks({ [control]: value })).toEqual([[checkId, severity]]);
  });

  it('every control the posture document reports has exactly one check, and ids are unique', () => {
    const ids = HOST_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const control of POSTURE_CONTROLS) expect(failingChecks({ [control]: 'x' })).toHaveLength(1);
  });

  it('a control the host did not report is not applicable, never a pass or a failure', () => {
    const partial = { instanceId: 'i-1', items: [] };
    for (const check of HOST_CHECKS) expect(check.evaluate(partial)).toEqual({ status: 'not-applicable' });
  });
});

describe('host findings', () => {
  const posture = postureOf('i-0a1b2c3d4e5f60718', { PasswordAuthentication: 'yes', PermitRootLogin: 'yes' });
  const findings = buildHostFindings(posture, ctx);

  it('name the instance, the value the host has, what was expected and where it came from', () => {
    const password = findings.find((f) => f.checkId === 'host-password-login');
    expect(password).toMatchObject({
      resource: {
        type: 'instance',
        instanceId: 'i-0a1b2c3d4e5f60718',
        details: {
          control: 'PasswordAuthentication',
          value: 'yes',
          expected: 'no',
          assessedAt: posture.assessedAt,
        },
      },
      action: { type: 'reported', mode: 'revoke' },
      trigger: { kind: 'ssm-compliance', eventName: 'Configuration Compliance State Change' },
    });
    expect(password?.summary).toBe(
      'i-0a1b2c3d4e5f60718: PasswordAuthentication is yes (expected no); no Match block applies',
    );
    expect(password?.guidance).toMatch(/PasswordAuthentication no/);
    expect(password?.consoleUrl).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0a1b2c3d4e5f60718',
    );
  });

  it('match the published finding schema, with distinct stable ids', () => {
    assertValidFindingMessage({
      schemaVersion: '1.0',
      product: 'ssh-ingress-guard',
      part: { index: 1, count: 1 },
      findings,
    });
    expect(new Set(findings.map((f) => f.findingId)).size).toBe(findings.length);
    expect(buildHostFindings(posture, ctx).map((f) => f.findingId)).toEqual(findings.map((f) => f.findingId));
  });
});

describe('posture in one word', () => {
  it.each([
    [undefined, 'not-assessed'],
    [{ instanceId: 'i-1', items: [] }, 'not-assessed'],
    [postureOf('i-1'), 'hardened'],
    [postureOf('i-1', { Ec2InstanceConnect: 'not installed' }), 'hardened'],
    [postureOf('i-1', { PasswordAuthentication: 'yes' }), 'accepts-passwords'],
    [postureOf('i-1', { KbdInteractiveAuthentication: 'yes' }), 'accepts-passwords'],
    [postureOf('i-1', { PermitRootLogin: 'yes' }), 'weak'],
    [postureOf('i-1', { BruteForceProtection: 'none' }), 'weak'],
    [
      postureOf('i-1', { SshdConfiguration: 'broken', PasswordAuthentication: 'unknown' }),
      'accepts-passwords',
    ],
  ])('%j is %s', (posture, summary) => {
    expect(summarisePosture(posture)).toBe(summary);
  });
});
