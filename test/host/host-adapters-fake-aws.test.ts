// The host adapters against the loopback fake, through what the functions use: the EC2 SDK client
// (DescribeInstances, query/XML) and the signed JSON caller for SSM (ListComplianceItems and
// ListResourceComplianceSummaries, JSON 1.1), paging included.
import { EC2Client } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findInstancesByGroups, listInstancesInScope } from '../../functions/adapters/ec2-instances.js';
import { createJsonCaller } from '../../functions/adapters/signed-json.js';
import { listAssessedInstances } from '../../functions/adapters/ssm-coverage.js';
import { type SsmCaller, ssmCaller } from '../../functions/adapters/ssm-json.js';
import { readPostures } from '../../functions/adapters/ssm-posture.js';
import { buildNotAssessedFinding } from '../../functions/core/findings/build-host-finding.js';
import { findNotAssessed } from '../../functions/core/model/host-posture.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';
import { assertValidFindingMessage } from '../support/finding-schema.js';
import { POSTURE_TRIGGER, seedPosture } from '../support/host-posture.js';

let fake: FakeAws;
let ec2: EC2Client;
let ssm: SsmCaller;
const credentials = { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' };

beforeAll(async () => {
  fake = await startFakeAws({ defaultPageSize: 3 });
  ec2 = new EC2Client({ region: 'eu-west-1', endpoint: fake.url, credentials });
  ssm = ssmCaller(
    createJsonCaller({ credentials: async () => credentials, endpointUrl: fake.url }),
    'eu-west-1',
  );
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('host adapters on the wire', () => {
  it('finds the live instances behind a group, with name, state and public address', async () => {
    const region = fake.state.region();
    region.addInstance({
      InstanceId: 'i-0000000000000000a',
      GroupIds: ['sg-1', 'sg-2'],
      PublicIpAddress: '203.0.113.5',
      Tags: [{ Key: 'Name', Value: 'bastion' }],
    });
    region.addInstance({ InstanceId: 'i-0000000000000000b', GroupIds: ['sg-2'], State: 'stopped' });
    region.addInstance({ InstanceId: 'i-0000000000000000c', GroupIds: ['sg-1'], State: 'terminated' });
    region.addInstance({ InstanceId: 'i-0000000000000000d', GroupIds: ['sg-9'] });
    const found = await findInstancesByGroups(ec2, ['sg-1', 'sg-2'], 10);
    expect(found).toEqual({
      instances: [
        {
          instanceId: 'i-0000000000000000a',
          name: 'bastion',
          state: 'running',
          publicIp: '203.0.113.5',
          groupIds: ['sg-1', 'sg-2'],
        },
        { instanceId: 'i-0000000000000000b', state: 'stopped', groupIds: ['sg-2'] },
      ],
      truncated: false,
    });
    expect(fake.count('DescribeInstances')).toBe(1);
  });

  it('reads one page only and says the list was cut', async () => {
    for (let i = 0; i < 8; i++) fake.state.region().addInstance({ GroupIds: ['sg-1'] });
    const found = await findInstancesByGroups(ec2, ['sg-1'], 5);
    expect([found.instances.length, found.truncated, fake.count('DescribeInstances')]).toEqual([5, true, 1]);
  });

  it('reads every page of compliance items; an instance without any is absent', async () => {
    seedPosture(fake, 'i-0000000000000000a', { PasswordAuthentication: 'yes' });
    seedPosture(fake, 'i-0000000000000000b');
    fake.state
      .region()
      .putComplianceItems('i-0000000000000000c', 'Patch', [
        { Id: 'KB1', Status: 'NON_COMPLIANT', Severity: 'CRITICAL', ExecutionTime: new Date(), Details: {} },
      ]);
    const postures = await readPostures(ssm, [
      'i-0000000000000000a',
      'i-0000000000000000b',
      'i-0000000000000000c',
      'i-0000000000000000d',
    ]);
    expect([...postures.keys()].sort()).toEqual(['i-0000000000000000a', 'i-0000000000000000b']);
    expect(
      postures.get('i-0000000000000000a')?.items.find((i) => i.id === 'PasswordAuthentication'),
    ).toMatchObject({ status: 'non-compliant', value: 'yes' });
    expect(postures.get('i-0000000000000000a')?.assessedAt).toBe('2026-11-21T10:04:09.000Z');
    // 16 items at 50 a page: one call; the fake's default page size does not apply when MaxResults is sent.
    expect(fake.count('ListComplianceItems', 'ssm')).toBe(1);
  });
});

describe('instances the posture association should cover but that never reported', () => {
  it('are listed as not assessed, whatever the reason (no agent, no profile, no AWS CLI)', async () => {
    const region = fake.state.region();
    for (const id of [
      'i-0000000000000000a',
      'i-0000000000000000b',
      'i-0000000000000000c',
      'i-0000000000000000d',
    ])
      region.addInstance({
        InstanceId: id,
        GroupIds: ['sg-1'],
        Tags: [{ Key: 'ssh-posture', Value: id.endsWith('d') ? 'no' : 'yes' }],
      });
    region.addInstance({ InstanceId: 'i-0000000000000000e', GroupIds: ['sg-1'], State: 'stopped' });
    seedPosture(fake, 'i-0000000000000000a');
    seedPosture(fake, 'i-0000000000000000b', { PasswordAuthentication: 'yes' });

    const all = findNotAssessed(await listInstancesInScope(ec2), await listAssessedInstances(ssm));
    expect(all.map((i) => i.instanceId)).toEqual(['i-0000000000000000c', 'i-0000000000000000d']);
    const tagged = findNotAssessed(
      await listInstancesInScope(ec2, { key: 'ssh-posture', value: 'yes' }),
      await listAssessedInstances(ssm),
    );
    expect(tagged.map((i) => i.instanceId)).toEqual(['i-0000000000000000c']);

    const finding = buildNotAssessedFinding(all, {
      trigger: POSTURE_TRIGGER,
      mode: 'revoke',
      now: new Date('2026-11-21T10:05:00Z'),
    });
    expect(finding).toMatchObject({
      checkId: 'host-not-assessed',
      severity: 'medium',
      resource: {
        type: 'region',
        details: { count: 2, instanceIds: ['i-0000000000000000c', 'i-0000000000000000d'] },
      },
    });
    assertValidFindingMessage({
      schemaVersion: '1.0',
      product: 'ssh-ingress-guard',
      part: { index: 1, count: 1 },
      findings: [finding],
    });
  });

  it('no instance missing: no finding', () => {
    expect(
      buildNotAssessedFinding([], { trigger: POSTURE_TRIGGER, mode: 'revoke', now: new Date() }),
    ).toBeUndefined();
  });

  it('a long list is cut in the finding, the count stays whole', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      instanceId: `i-${String(i).padStart(17, '0')}`,
      groupIds: [],
    }));
    const finding = buildNotAssessedFinding(many, {
      trigger: POSTURE_TRIGGER,
      mode: 'revoke',
      now: new Date(),
    });
    expect(finding?.resource.details).toMatchObject({ count: 60 });
    expect(finding?.resource.details?.instanceIds).toHaveLength(50);
    expect(finding?.summary).toMatch(/and 10 more\.$/);
  });
});
