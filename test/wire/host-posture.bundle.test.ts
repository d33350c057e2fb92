// The built bundles over the wire with host posture on: the host posture function on Systems Manager
// compliance changes, the guard joining a finding with the hosts behind its group, and the sweep
// listing instances never assessed. Everything speaks to the loopback fake (EC2 and SNS query
// protocols, SSM JSON 1.1) and every published document is checked against the finding schema.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { loadEvent } from '../support/events.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';
import { seedPosture } from '../support/host-posture.js';
import { findingsIn } from '../support/published-findings.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const bundles = inject('bundles');
let fake: FakeAws;

async function invoke(fn: string, event: unknown, env: Record<string, string> = {}) {
  const script =
    'const m = await import(process.argv[1]); console.log(JSON.stringify(await m.handler(JSON.parse(process.argv[2]))));';
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script, bundles[fn] as string, JSON.stringify(event)],
    {
      env: {
        PATH: process.env.PATH ?? '',
        ...fake.env(),
        TOPIC_ARN: TOPIC,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...env,
      },
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
}

beforeAll(async () => {
  fake = await startFakeAws({ regions: ['eu-west-1'] });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('the host posture bundle', () => {
  const ID = 'i-0a1b2c3d4e5f60718';

  it('turns a non-compliant SSH posture change into findings on the topic: one read, one publish', async () => {
    seedPosture(fake, ID, { PasswordAuthentication: 'yes', PermitRootLogin: 'yes' });
    const result = await invoke('hostPosture', loadEvent('ssm-compliance-ssh-posture-non-compliant.json'));
    expect(result).toMatchObject({ status: 'handled' });
    expect(fake.calls.map((c) => `${c.service}:${c.action}`)).toEqual([
      'ssm:ListComplianceItems',
      'sns:Publish',
    ]);
    const findings = findingsIn(fake.state.published);
    expect(findings.map((f) => [f.checkId, f.severity, f.resource.instanceId])).toEqual([
      ['host-root-login', 'critical', ID],
      ['host-password-login', 'high', ID],
    ]);
    expect(findings[0]?.trigger).toMatchObject({
      kind: 'ssm-compliance',
      eventName: 'Configuration Compliance State Change',
    });
  });

  it('makes no AWS call for a change to compliant', async () => {
    const result = await invoke('hostPosture', loadEvent('ssm-compliance-ssh-posture-compliant.json'));
    expect(result).toMatchObject({ status: 'handled', reason: `${ID} is compliant` });
    expect(fake.calls).toEqual([]);
  });

  it('publishes an unparsed-event finding for a shape it does not understand', async () => {
    const event = loadEvent('ssm-compliance-ssh-posture-non-compliant.json');
    const result = await invoke('hostPosture', { ...event, detail: { ...event.detail, 'resource-id': 'x' } });
    expect(result).toMatchObject({ status: 'unparsed' });
    expect(findingsIn(fake.state.published).map((f) => f.checkId)).toEqual(['unparsed-event']);
  });
});

describe('the guard bundle joins a finding with the hosts behind its group', () => {
  const review = loadEvent('authorize-public-narrow-review.json');
  const GROUP = 'sg-0a1b2c3d4e5f60014';

  it('host posture on: a review source in front of a host that accepts passwords is raised to high', async () => {
    const region = fake.state.region('eu-west-1');
    region.addInstance({
      InstanceId: 'i-0000000000000000a',
      GroupIds: [GROUP],
      PublicIpAddress: '203.0.113.5',
    });
    region.addInstance({ InstanceId: 'i-0000000000000000b', GroupIds: [GROUP] });
    seedPosture(fake, 'i-0000000000000000a', {
      PasswordAuthentication: 'yes',
      Ec2InstanceConnect: 'not installed',
    });
    await invoke('guard', review, { HOST_POSTURE: 'true' });
    const [finding] = findingsIn(fake.state.published);
    expect(finding).toMatchObject({ checkId: 'ssh-public-source', severity: 'high' });
    expect(finding?.resource.instances).toEqual([
      expect.objectContaining({
        instanceId: 'i-0000000000000000a',
        sshPosture: 'accepts-passwords',
        publicIp: '203.0.113.5',
      }),
      expect.objectContaining({ instanceId: 'i-0000000000000000b', sshPosture: 'not-assessed' }),
    ]);
    expect(finding?.guidance).toMatch(/PasswordAuthentication no/);
    expect(fake.count('DescribeInstances')).toBe(1);
    expect(fake.count('ListComplianceItems')).toBe(1);
  });

  it('host posture off: the same event makes no instance or posture read', async () => {
    fake.state.region('eu-west-1').addInstance({ InstanceId: 'i-0000000000000000a', GroupIds: [GROUP] });
    seedPosture(fake, 'i-0000000000000000a', { PasswordAuthentication: 'yes' });
    await invoke('guard', review, { HOST_POSTURE: 'false' });
    const [finding] = findingsIn(fake.state.published);
    expect(finding).toMatchObject({ checkId: 'ssh-public-source', severity: 'medium' });
    expect(finding?.resource.instances).toBeUndefined();
    expect(fake.count('DescribeInstances') + fake.count('ListComplianceItems')).toBe(0);
  });

  it('a compliant event makes no call at all, host posture on or not', async () => {
    await invoke('guard', loadEvent('authorize-private-cidr.json'), { HOST_POSTURE: 'true' });
    expect(fake.calls).toEqual([]);
  });
});

describe('the sweep bundle lists instances that were never assessed', () => {
  it('host posture on: one not-assessed finding naming them', async () => {
    const region = fake.state.region('eu-west-1');
    region.addInstance({ InstanceId: 'i-0000000000000000a', GroupIds: ['sg-1'] });
    region.addInstance({ InstanceId: 'i-0000000000000000b', GroupIds: ['sg-1'] });
    seedPosture(fake, 'i-0000000000000000a');
    await invoke('sweep', loadEvent('schedule-sweep.json'), { HOST_POSTURE: 'true' });
    const hosts = findingsIn(fake.state.published).filter((f) => f.checkId === 'host-not-assessed');
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.resource.details).toMatchObject({ count: 1, instanceIds: ['i-0000000000000000b'] });
  });
});
