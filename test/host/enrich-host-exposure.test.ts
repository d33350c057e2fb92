import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { enrichWithHosts, type HostExposure } from '../../functions/core/findings/enrich-host-exposure.js';
import type { Finding } from '../../functions/core/findings/finding.js';
import type { HostPosture, InstanceRef } from '../../functions/core/model/host-posture.js';
import { enrichHostExposure, type HostPort } from '../../functions/pipeline/enrich-host-exposure.js';
import { assertValidFindingMessage } from '../support/finding-schema.js';
import { postureOf } from '../support/host-posture.js';

function sgFinding(
  checkId: string,
  severity: Finding['severity'],
  groupId: string | null = 'sg-0abc',
): Finding {
  return {
    schemaVersion: '1.0',
    findingId: `sig-${'0'.repeat(31)}${checkId === 'ssh-world-open' ? '1' : '2'}`,
    checkId,
    severity,
    title: checkId,
    summary: 'tcp/22 from 198.51.100.0/24 on sg-0abc',
    account: '123456789012',
    region: 'eu-west-1',
    observedAt: '2026-11-21T10:00:00.000Z',
    resource: {
      type: 'security-group-rule',
      ...(groupId ? { groupId } : {}),
      protocol: 'tcp',
      ports: { from: 22, to: 22 },
    },
    trigger: {
      kind: 'cloudtrail',
      eventName: 'AuthorizeSecurityGroupIngress',
      eventId: 'e-1',
      eventTime: '2026-11-21T10:00:00Z',
    },
    action: { type: checkId === 'ssh-world-open' ? 'revoked' : 'review', mode: 'revoke' },
    guidance: 'Remove the rule.',
  };
}

const instance = (instanceId: string, groupIds = ['sg-0abc']): InstanceRef => ({
  instanceId,
  state: 'running',
  groupIds,
});
const exposure = (
  postures: HostPosture[],
  instances = postures.map((p) => instance(p.instanceId)),
  truncated = false,
): HostExposure => ({
  instances,
  truncated,
  postures: new Map(postures.map((p) => [p.instanceId, p])),
});

describe('a security group finding names the hosts behind the group', () => {
  it('lists each instance with its SSH posture, not-assessed when the host never reported', () => {
    const enriched = enrichWithHosts(
      sgFinding('ssh-world-open', 'high'),
      exposure(
        [postureOf('i-0000000000000000a')],
        [
          instance('i-0000000000000000a'),
          instance('i-0000000000000000b'),
          instance('i-0000000000000000c', ['sg-other']),
        ],
      ),
    );
    expect(enriched.resource.instances).toEqual([
      {
        instanceId: 'i-0000000000000000a',
        state: 'running',
        sshPosture: 'hardened',
        assessedAt: '2026-11-21T10:04:09.000Z',
        instanceConnect: true,
      },
      { instanceId: 'i-0000000000000000b', state: 'running', sshPosture: 'not-assessed' },
    ]);
    expect(enriched.guidance).toMatch(/Nothing is known about the SSH daemon of i-0000000000000000b/);
    expect(enriched.guidance).toMatch(/aws ec2-instance-connect ssh --instance-id i-0000000000000000a/);
  });

  it.each([
    ['ssh-public-source', 'medium', { PasswordAuthentication: 'yes' }, 'high'],
    ['ssh-public-source', 'medium', { KbdInteractiveAuthentication: 'yes' }, 'high'],
    ['ssh-public-source', 'medium', { PermitRootLogin: 'yes' }, 'medium'],
    ['ssh-public-source', 'medium', {}, 'medium'],
    ['ssh-public-source', 'low', { PasswordAuthentication: 'yes' }, 'low'],
    ['ssh-world-open', 'high', { PasswordAuthentication: 'yes' }, 'high'],
  ] as const)('%s (%s) in front of a host failing %j is %s', (checkId, severity, failing, expected) => {
    const enriched = enrichWithHosts(
      sgFinding(checkId, severity),
      exposure([postureOf('i-0000000000000000a', failing)]),
    );
    expect(enriched.severity).toBe(expected);
    if (expected !== severity)
      expect(enriched.action.note).toBe(
        'severity raised from medium: i-0000000000000000a accept password logins',
      );
  });

  it('names the sshd lines to change and how, for hosts that accept passwords', () => {
    const enriched = enrichWithHosts(
      sgFinding('ssh-public-source', 'medium'),
      exposure([
        postureOf('i-0000000000000000a', {
          PasswordAuthentication: 'yes',
          Ec2InstanceConnect: 'not installed',
        }),
      ]),
    );
    expect(enriched.guidance).toMatch(
      /i-0000000000000000a accept password logins over SSH: set PasswordAuthentication no, KbdInteractiveAuthentication no/,
    );
    expect(enriched.guidance).toMatch(/sshd -t/);
    expect(enriched.guidance).toMatch(/aws ssm start-session --target i-0000000000000000a/);
    expect(enriched.resource.instances?.[0]).toMatchObject({
      sshPosture: 'accepts-passwords',
      failing: ['PasswordAuthentication'],
      instanceConnect: false,
    });
  });

  it('says when more instances use the group than were read', () => {
    const enriched = enrichWithHosts(
      sgFinding('ssh-world-open', 'high'),
      exposure([postureOf('i-0000000000000000a')], undefined, true),
    );
    expect(enriched.resource.instancesTruncated).toBe(true);
  });

  it('leaves findings without a group, or with no instance behind it, unchanged', () => {
    const noGroup = sgFinding('ssh-world-open', 'high', null);
    expect(enrichWithHosts(noGroup, exposure([postureOf('i-0000000000000000a')]))).toBe(noGroup);
    const empty = sgFinding('ssh-world-open', 'high');
    expect(enrichWithHosts(empty, exposure([]))).toBe(empty);
  });

  it('keeps the published schema', () => {
    const enriched = enrichWithHosts(
      sgFinding('ssh-public-source', 'medium'),
      exposure([postureOf('i-0000000000000000a', { PasswordAuthentication: 'yes' })], undefined, true),
    );
    assertValidFindingMessage({
      schemaVersion: '1.0',
      product: 'ssh-ingress-guard',
      part: { index: 1, count: 1 },
      findings: [enriched],
    });
  });

  const RANK = { info: 0, low: 1, medium: 2, high: 3, critical: 4 } as const;
  it('never lowers a severity, never changes what was done, and raises only review findings over password hosts', () => {
    const postureArb = fc.record({
      PasswordAuthentication: fc.constantFrom(undefined, 'yes'),
      PermitRootLogin: fc.constantFrom(undefined, 'yes'),
      BruteForceProtection: fc.constantFrom(undefined, 'none'),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('ssh-world-open', 'ssh-public-source', 'ssh-aggregate-world-open'),
        fc.constantFrom<Finding['severity']>('info', 'low', 'medium', 'high', 'critical'),
        fc.array(fc.option(postureArb, { nil: undefined }), { maxLength: 5 }),
        (checkId, severity, hosts) => {
          const ids = hosts.map((_, i) => `i-00000000000000${String(i).padStart(3, '0')}`);
          const postures = hosts.flatMap((h, i) =>
            h
              ? [
                  postureOf(
                    ids[i] as string,
                    Object.fromEntries(Object.entries(h).filter(([, v]) => v)) as Record<string, string>,
                  ),
                ]
              : [],
          );
          const finding = sgFinding(checkId, severity);
          const enriched = enrichWithHosts(
            finding,
            exposure(
              postures,
              ids.map((id) => instance(id)),
            ),
          );
          expect(RANK[enriched.severity]).toBeGreaterThanOrEqual(RANK[finding.severity]);
          expect([enriched.findingId, enriched.checkId, enriched.action.type]).toEqual([
            finding.findingId,
            finding.checkId,
            finding.action.type,
          ]);
          const passwordHost = hosts.some((h) => h?.PasswordAuthentication === 'yes');
          const raised = checkId === 'ssh-public-source' && severity === 'medium' && passwordHost;
          expect(enriched.severity).toBe(raised ? 'high' : severity);
        },
      ),
    );
  });
});

describe('the enrichment step reads only when a finding names a group, and boundedly', () => {
  function countingPort(instances: InstanceRef[], truncated = false) {
    const calls = { instances: 0, postures: 0, limits: [] as number[], ids: [] as string[][] };
    const port: HostPort = {
      async findInstancesByGroups(_groups, limit) {
        calls.instances += 1;
        calls.limits.push(limit);
        return { instances: instances.slice(0, limit), truncated: truncated || instances.length > limit };
      },
      async readPostures(ids) {
        calls.postures += 1;
        calls.ids.push([...ids]);
        return new Map(ids.map((id) => [id, postureOf(id, { PasswordAuthentication: 'yes' })]));
      },
    };
    return { port, calls };
  }
  const settings = { enabled: true, maxInstances: 10 };

  it('no finding, or no finding with a group: no read', async () => {
    const { port, calls } = countingPort([instance('i-0000000000000000a')]);
    await enrichHostExposure([], port, settings);
    await enrichHostExposure([sgFinding('ssh-world-open', 'high', null)], port, settings);
    expect(calls).toMatchObject({ instances: 0, postures: 0 });
  });

  it('switched off: no read', async () => {
    const { port, calls } = countingPort([instance('i-0000000000000000a')]);
    await enrichHostExposure([sgFinding('ssh-world-open', 'high')], port, { ...settings, enabled: false });
    expect(calls.instances).toBe(0);
  });

  it('one instance read and one posture read per event, however many findings, at most maxInstances', async () => {
    const many = Array.from({ length: 40 }, (_, i) => instance(`i-${String(i).padStart(17, '0')}`));
    const { port, calls } = countingPort(many);
    const out = await enrichHostExposure(
      [sgFinding('ssh-world-open', 'high'), sgFinding('ssh-public-source', 'medium')],
      port,
      settings,
    );
    expect(calls).toMatchObject({ instances: 1, postures: 1, limits: [10] });
    expect(calls.ids[0]).toHaveLength(10);
    expect(out.map((f) => [f.resource.instances?.length, f.resource.instancesTruncated])).toEqual([
      [10, true],
      [10, true],
    ]);
  });

  it('no instance behind the groups: no posture read', async () => {
    const { port, calls } = countingPort([]);
    const findings = [sgFinding('ssh-world-open', 'high')];
    expect(await enrichHostExposure(findings, port, settings)).toEqual(findings);
    expect(calls).toMatchObject({ instances: 1, postures: 0 });
  });
});
