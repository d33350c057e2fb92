import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toAsffFinding } from '../../../functions/core/findings/asff.js';
import type { Finding } from '../../../functions/core/findings/finding.js';
import { sampleFindings } from '../sample-findings.js';
import { type FakeAws, startFakeAws } from './index.js';

let fake: FakeAws;
const options = () => ({
  region: 'eu-west-1',
  endpoint: fake.url,
  credentials: { accessKeyId: 'AKIDFAKEAWS', secretAccessKey: 'fake' },
  maxAttempts: 3,
});
beforeAll(async () => {
  fake = await startFakeAws();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const revoked = sampleFindings.find((f) => f.action.type === 'revoked') as Finding;
const HOME = { partition: 'aws', region: 'eu-west-1', account: '123456789012' };

describe('fake EventBridge PutEvents through the real SDK client', () => {
  it('accepts entries and records them on their bus', async () => {
    const out = await new EventBridgeClient(options()).send(
      new PutEventsCommand({
        Entries: [{ Source: 's', DetailType: 'd', Detail: '{"a":1}', EventBusName: 'default' }],
      }),
    );
    expect(out.FailedEntryCount).toBe(0);
    expect(fake.state.events).toMatchObject([
      { Source: 's', DetailType: 'd', Detail: '{"a":1}', EventBusName: 'default' },
    ]);
    expect(fake.count('PutEvents', 'events')).toBe(1);
  });

  it('reports a malformed detail per entry, as EventBridge does', async () => {
    const out = await new EventBridgeClient(options()).send(
      new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '[1]' }] }),
    );
    expect(out).toMatchObject({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'MalformedDetail' }] });
  });

  it('rejects 11 entries in one call', async () => {
    const entry = { Source: 's', DetailType: 'd', Detail: '{}' };
    await expect(
      new EventBridgeClient(options()).send(new PutEventsCommand({ Entries: Array(11).fill(entry) })),
    ).rejects.toThrow(/1 to 10/);
  });
});

describe('fake Security Hub BatchImportFindings through the real SDK client', () => {
  it('imports a finding and updates it when the same id comes again', async () => {
    const client = new SecurityHubClient(options());
    const finding = toAsffFinding(revoked, HOME);
    for (let i = 0; i < 2; i += 1) {
      const out = await client.send(new BatchImportFindingsCommand({ Findings: [finding as never] }));
      expect(out).toMatchObject({ FailedCount: 0, SuccessCount: 1 });
    }
    expect([...fake.state.securityHubFindings.values()]).toMatchObject([
      { imports: 2, finding: { Id: revoked.findingId } },
    ]);
  });

  it('lists a finding without its required members in FailedFindings', async () => {
    const { Title: _dropped, ...untitled } = toAsffFinding(revoked, HOME);
    const out = await new SecurityHubClient(options()).send(
      new BatchImportFindingsCommand({ Findings: [untitled as never] }),
    );
    expect(out).toMatchObject({
      FailedCount: 1,
      FailedFindings: [{ Id: revoked.findingId, ErrorCode: 'InvalidInput' }],
    });
  });

  it('throttles when told to, and the SDK retries', async () => {
    fake.faults.add({ kind: 'throttle', service: 'securityhub', times: 1 });
    const out = await new SecurityHubClient(options()).send(
      new BatchImportFindingsCommand({ Findings: [toAsffFinding(revoked, HOME) as never] }),
    );
    expect(out.SuccessCount).toBe(1);
    expect(fake.count('BatchImportFindings', 'securityhub')).toBe(2);
  });
});
