// Host posture fixtures: compliance items as the posture document reports them, built per control.
import type { HostPosture, PostureItem } from '../../functions/core/model/host-posture.js';
import type { Trigger } from '../../functions/core/model/trigger.js';
import type { FakeAws } from './fake-aws/index.js';

const EXPECTED: Record<string, [string, string]> = {
  SshdConfiguration: ['valid', 'sshd -T succeeds'],
  PermitRootLogin: ['no', 'no'],
  PasswordAuthentication: ['no', 'no'],
  KbdInteractiveAuthentication: ['no', 'no'],
  PubkeyAuthentication: ['yes', 'yes'],
  BruteForceProtection: ['fail2ban (sshd jail)', 'fail2ban, sshguard or PerSourcePenalties'],
  OpenSshVersion: ['9.2', '>= 8.7'],
  Ec2InstanceConnect: ['installed', 'installed'],
};
export const POSTURE_CONTROLS = Object.keys(EXPECTED);

/** A hardened host's report, with the named controls failing (value: what the host has instead). */
export function postureOf(instanceId: string, failing: Readonly<Record<string, string>> = {}): HostPosture {
  const items: PostureItem[] = POSTURE_CONTROLS.map((id) => {
    const [good, expected] = EXPECTED[id] as [string, string];
    const bad = failing[id];
    return {
      id,
      status: bad === undefined ? 'compliant' : 'non-compliant',
      value: bad ?? good,
      expected,
      context: 'no Match block applies',
    };
  });
  return { instanceId, assessedAt: '2026-11-21T10:04:09.000Z', items };
}

export const POSTURE_TRIGGER: Trigger = {
  kind: 'ssm-compliance',
  eventName: 'Configuration Compliance State Change',
  eventId: '7c4e1f0a-2b9d-4e6f-8a13-5d0c92b7e6f4',
  eventTime: '2026-11-21T10:04:09Z',
  account: '123456789012',
  region: 'eu-west-1',
};

/** Puts `postureOf(instanceId, failing)` into the loopback fake, as the posture association reports it. */
export function seedPosture(
  fake: FakeAws,
  instanceId: string,
  failing: Readonly<Record<string, string>> = {},
  region = 'eu-west-1',
): void {
  fake.state.region(region).putComplianceItems(
    instanceId,
    'Custom:SshPosture',
    postureOf(instanceId, failing).items.map((i) => ({
      Id: i.id,
      Title: i.id,
      Status: i.status === 'compliant' ? ('COMPLIANT' as const) : ('NON_COMPLIANT' as const),
      Severity: 'HIGH',
      ExecutionTime: new Date('2026-11-21T10:04:09Z'),
      Details: { Value: i.value ?? '', Expected: i.expected ?? '', Context: i.context ?? '' },
    })),
  );
}
