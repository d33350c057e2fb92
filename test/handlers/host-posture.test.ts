// Handlers with host posture, over in-memory ports: the host posture function on compliance
// changes, and the guard joining its findings with the hosts behind the group.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { makeHostPostureHandler } from '../../functions/handlers/host-posture-handler.js';
import { silentLog } from '../../functions/log.js';
import { loadEvent } from '../support/events.js';
import { postureOf } from '../support/host-posture.js';
import { InMemoryPublisher, inMemoryDeps } from '../support/in-memory-aws.js';
import { InMemoryHosts } from '../support/in-memory-hosts.js';
import { seedForEvent } from '../support/sample-world.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const ID = 'i-0a1b2c3d4e5f60718';
const NOW = new Date('2026-11-21T10:05:00Z');

function hostPostureHandler(hosts: InMemoryHosts) {
  const publisher = new InMemoryPublisher();
  const handler = makeHostPostureHandler(
    { mode: 'revoke' },
    { postureFor: () => hosts, publisher, now: () => NOW },
    silentLog,
  );
  return { handler, publisher };
}

describe('the host posture function', () => {
  it.each([
    [
      'ssm-compliance-ssh-posture-non-compliant.json',
      'handled',
      ['host-root-login', 'host-password-login'],
      ['ListComplianceItems'],
    ],
    ['ssm-compliance-ssh-posture-compliant.json', 'handled', [], []],
    ['ssm-compliance-patch-non-compliant.json', 'ignored', [], []],
    ['emr-state-running.json', 'ignored', [], []],
    ['authorize-world-ipv4-ssh.json', 'ignored', [], []],
  ])('%s: %s, publishes %j, reads %j', async (file, status, checks, reads) => {
    const hosts = new InMemoryHosts().add(
      { instanceId: ID, groupIds: [] },
      postureOf(ID, { PermitRootLogin: 'yes', PasswordAuthentication: 'yes' }),
    );
    const { handler, publisher } = hostPostureHandler(hosts);
    const result = await handler(loadEvent(file));
    expect(result.status).toBe(status);
    expect(publisher.documents().flatMap((d) => d.findings.map((f) => f.checkId))).toEqual(checks);
    expect(hosts.reads).toEqual(reads);
  });

  it('publishes every finding of the event in one message', async () => {
    const hosts = new InMemoryHosts().add(
      { instanceId: ID, groupIds: [] },
      postureOf(ID, { PermitRootLogin: 'yes', PasswordAuthentication: 'yes', BruteForceProtection: 'none' }),
    );
    const { handler, publisher } = hostPostureHandler(hosts);
    const result = await handler(loadEvent('ssm-compliance-ssh-posture-non-compliant.json'));
    expect(publisher.messages).toHaveLength(1);
    expect(result.findingIds).toHaveLength(3);
  });

  it('publishes an unparsed-event finding for an SSH posture change it cannot read', async () => {
    const event = loadEvent('ssm-compliance-ssh-posture-non-compliant.json');
    const { handler, publisher } = hostPostureHandler(new InMemoryHosts());
    const result = await handler({ ...event, detail: { ...event.detail, 'compliance-status': 'maybe' } });
    expect(result.status).toBe('unparsed');
    expect(publisher.documents()[0]?.findings[0]).toMatchObject({
      checkId: 'unparsed-event',
      trigger: { kind: 'ssm-compliance' },
    });
  });

  it('lets a publish failure throw, so Lambda retries and the failure queue keeps the event', async () => {
    const hosts = new InMemoryHosts().add(
      { instanceId: ID, groupIds: [] },
      postureOf(ID, { PasswordAuthentication: 'yes' }),
    );
    const { handler, publisher } = hostPostureHandler(hosts);
    publisher.failWith = new Error('SNS down');
    await expect(handler(loadEvent('ssm-compliance-ssh-posture-non-compliant.json'))).rejects.toThrow(
      /publishing/,
    );
  });
});

describe('the guard with host posture on', () => {
  const GROUP = 'sg-0a1b2c3d4e5f60014';
  async function guard(file: string, hosts: InMemoryHosts, hostPosture = 'true') {
    const event = loadEvent(file);
    const { deps, ec2For, publisher } = inMemoryDeps();
    seedForEvent(event, ec2For(String(event.region)));
    const config = loadConfig({ TOPIC_ARN: TOPIC, HOST_POSTURE: hostPosture });
    const result = await makeGuardHandler(config, { ...deps, hostFor: () => hosts }, silentLog)(event);
    return { result, findings: publisher.documents().flatMap((d) => d.findings) };
  }

  it('raises a review finding over a host that accepts passwords and names the fix', async () => {
    const hosts = new InMemoryHosts()
      .add(
        { instanceId: 'i-0000000000000000a', groupIds: [GROUP] },
        postureOf('i-0000000000000000a', { PasswordAuthentication: 'yes' }),
      )
      .add({ instanceId: 'i-0000000000000000b', groupIds: [GROUP] });
    const { findings } = await guard('authorize-public-narrow-review.json', hosts);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      checkId: 'ssh-public-source',
      severity: 'high',
      action: { note: 'severity raised from medium: i-0000000000000000a accept password logins' },
    });
    expect(findings[0]?.resource.instances?.map((i) => [i.instanceId, i.sshPosture])).toEqual([
      ['i-0000000000000000a', 'accepts-passwords'],
      ['i-0000000000000000b', 'not-assessed'],
    ]);
    expect(findings[0]?.guidance).toMatch(/PasswordAuthentication no.*sshd -t/);
    expect(hosts.reads).toEqual(['DescribeInstances', 'ListComplianceItems']);
  });

  it('revokes a world-open rule exactly as without host posture, and lists the hosts that were exposed', async () => {
    const hosts = new InMemoryHosts().add(
      { instanceId: 'i-0000000000000000a', groupIds: ['sg-0a1b2c3d4e5f60001'] },
      postureOf('i-0000000000000000a'),
    );
    const on = await guard('authorize-world-ipv4-ssh.json', hosts);
    const off = await guard('authorize-world-ipv4-ssh.json', new InMemoryHosts(), 'false');
    expect(on.result.actions).toEqual(off.result.actions);
    expect(on.findings[0]?.resource.instances).toEqual([
      expect.objectContaining({ instanceId: 'i-0000000000000000a', sshPosture: 'hardened' }),
    ]);
    expect(off.findings[0]?.resource.instances).toBeUndefined();
    expect(on.findings.map((f) => [f.checkId, f.severity, f.action.type])).toEqual(
      off.findings.map((f) => [f.checkId, f.severity, f.action.type]),
    );
  });

  it('reads nothing for a compliant event', async () => {
    const hosts = new InMemoryHosts().add({ instanceId: 'i-0000000000000000a', groupIds: [GROUP] });
    await guard('authorize-private-cidr.json', hosts);
    expect(hosts.reads).toEqual([]);
  });

  it('publishes the findings without hosts, saying why, when the instances cannot be read', async () => {
    const hosts = new InMemoryHosts();
    hosts.failWith = Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' });
    const { result, findings } = await guard('authorize-public-narrow-review.json', hosts);
    expect(result.status).toBe('handled');
    expect(findings[0]?.resource.instances).toBeUndefined();
    expect(findings[0]?.action.note).toMatch(/could not be read \(UnauthorizedOperation\)/);
  });
});
