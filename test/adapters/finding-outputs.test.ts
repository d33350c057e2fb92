import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createEventBusOutput } from '../../functions/adapters/eventbridge-adapter.js';
import { createFanOutPublisher, createHubTopicOutput } from '../../functions/adapters/fan-out-publisher.js';
import type { FindingOutput } from '../../functions/adapters/finding-outputs.js';
import { createSecurityHubOutput } from '../../functions/adapters/securityhub-adapter.js';
import type { JsonRequest } from '../../functions/adapters/signed-json.js';
import type { Finding } from '../../functions/core/findings/finding.js';
import { type OutboundMessage, renderMessages } from '../../functions/core/findings/render-message.js';
import type { PublishPort } from '../../functions/deps.js';
import { sampleFindings } from '../support/sample-findings.js';

const sns = mockClient(SNSClient);

/** A JSON caller that answers from a script, one reply per call, and records what was sent. */
function scripted(...replies: unknown[]) {
  const sent: JsonRequest[] = [];
  const call = async (request: JsonRequest) => {
    sent.push(request);
    return replies.length > 1 ? replies.shift() : replies[0];
  };
  const bodies = () => sent.map((r) => r.body as { Entries?: unknown[]; Findings?: { Id: string }[] });
  return { call, sent, bodies };
}
const noWait = async () => {};
const HOME = { partition: 'aws', region: 'eu-west-1', account: '123456789012' };
const revoked = sampleFindings.find((f) => f.action.type === 'revoked') as Finding;
const findings = (n: number): Finding[] =>
  Array.from({ length: n }, (_, i) => ({ ...revoked, findingId: `sig-${String(i).padStart(32, '0')}` }));
const messageOf = (list: readonly Finding[]): OutboundMessage => renderMessages(list)[0] as OutboundMessage;

beforeEach(() => sns.reset());

describe('event bus output', () => {
  const output = (call: ReturnType<typeof scripted>['call']) =>
    createEventBusOutput(call, 'eu-west-1', 'default', noWait);

  it('puts 25 findings in three PutEvents calls of at most 10 entries', async () => {
    const api = scripted({ FailedEntryCount: 0, Entries: [] });
    await output(api.call).deliver(messageOf(findings(25)));
    expect(api.bodies().map((b) => b.Entries?.length)).toEqual([10, 10, 5]);
    expect(api.sent[0]).toMatchObject({
      service: 'events',
      region: 'eu-west-1',
      target: 'AWSEvents.PutEvents',
    });
    expect(api.bodies()[0]?.Entries?.[0]).toMatchObject({
      Source: 'ssh-ingress-guard',
      EventBusName: 'default',
      Time: Date.parse(revoked.observedAt) / 1000,
    });
  });

  it('resends only the entries throttled, then succeeds', async () => {
    const api = scripted(
      { FailedEntryCount: 1, Entries: [{ EventId: 'e1' }, { ErrorCode: 'ThrottlingException' }] },
      { FailedEntryCount: 0, Entries: [{ EventId: 'e2' }] },
    );
    await output(api.call).deliver(messageOf(findings(2)));
    expect(api.bodies().map((b) => b.Entries?.length)).toEqual([2, 1]);
  });

  it('throws, naming the error, when an entry is rejected for good', async () => {
    const api = scripted({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'AccessDeniedException', ErrorMessage: 'not authorized' }],
    });
    await expect(output(api.call).deliver(messageOf(findings(1)))).rejects.toThrow(
      /AccessDeniedException: not authorized/,
    );
    expect(api.sent).toHaveLength(1);
  });

  it('throws after four attempts when throttling never ends', async () => {
    const api = scripted({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException' }] });
    await expect(output(api.call).deliver(messageOf(findings(1)))).rejects.toThrow(/ThrottlingException/);
    expect(api.sent).toHaveLength(4);
  });
});

describe('Security Hub output', () => {
  const output = (call: ReturnType<typeof scripted>['call']) => createSecurityHubOutput(call, HOME, noWait);

  it('imports 250 findings in calls of 100, 100 and 50, to the home region', async () => {
    const api = scripted({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] });
    const list = findings(250);
    const message = { ...messageOf(list.slice(0, 1)) };
    // One rendered message may carry hundreds of findings (a sweep): build its body directly.
    const body = JSON.parse(message.message);
    const document = JSON.parse(body.default);
    const big = {
      ...message,
      message: JSON.stringify({ ...body, default: JSON.stringify({ ...document, findings: list }) }),
    };
    await output(api.call).deliver(big);
    expect(api.bodies().map((b) => b.Findings?.length)).toEqual([100, 100, 50]);
    expect(api.sent[0]).toMatchObject({
      service: 'securityhub',
      region: 'eu-west-1',
      path: '/findings/import',
    });
  });

  it('resends findings failed by throttling and throws on a finding Security Hub rejects', async () => {
    const [a, b] = findings(2) as [Finding, Finding];
    const api = scripted(
      {
        FailedCount: 1,
        SuccessCount: 1,
        FailedFindings: [{ Id: b.findingId, ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }],
      },
      {
        FailedCount: 1,
        SuccessCount: 0,
        FailedFindings: [{ Id: b.findingId, ErrorCode: 'InvalidInput', ErrorMessage: 'bad' }],
      },
    );
    await expect(output(api.call).deliver(messageOf([a, b]))).rejects.toThrow(
      /rejected 1 finding\(s\): InvalidInput: bad/,
    );
    expect(api.bodies().map((x) => x.Findings?.map((f) => f.Id))).toEqual([
      [a.findingId, b.findingId],
      [b.findingId],
    ]);
  });
});

describe('fan-out publisher', () => {
  const recording = (fail?: Error) => {
    const sent: OutboundMessage[] = [];
    const port: PublishPort & FindingOutput = {
      name: 'recorder',
      async publish(m) {
        if (fail) throw fail;
        sent.push(m);
      },
      async deliver(m) {
        if (fail) throw fail;
        sent.push(m);
      },
    };
    return { port, sent };
  };

  it('is the local publisher itself when no output is configured', () => {
    const local = recording();
    expect(createFanOutPublisher(local.port, [])).toBe(local.port);
  });

  it('publishes locally and to every output', async () => {
    const [local, a, b] = [recording(), recording(), recording()];
    await createFanOutPublisher(local.port, [a.port, b.port]).publish(messageOf([revoked]));
    expect([local.sent.length, a.sent.length, b.sent.length]).toEqual([1, 1, 1]);
  });

  it('tries no output when the local topic fails, and throws', async () => {
    const [local, a] = [recording(new Error('local down')), recording()];
    await expect(createFanOutPublisher(local.port, [a.port]).publish(messageOf([revoked]))).rejects.toThrow(
      'local down',
    );
    expect(a.sent).toHaveLength(0);
  });

  it('tries every output when one fails, then throws naming it', async () => {
    const local = recording();
    const down = { ...recording(new Error('hub down')).port, name: 'hub topic' };
    const other = recording();
    const error = await createFanOutPublisher(local.port, [down, other.port])
      .publish(messageOf([revoked]))
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('published locally, but not to: hub topic');
    expect(((error as Error).cause as Error).message).toBe('hub down');
    expect([local.sent.length, other.sent.length]).toEqual([1, 1]);
  });
});

describe('info-only messages (a clean sweep summary)', () => {
  const summary = sampleFindings.find(
    (f) => f.checkId === 'sweep-summary' && f.severity === 'info',
  ) as Finding;

  it('reach the hub topic without a chat card', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const topic = 'arn:aws:sns:eu-west-1:999999999999:ssh-ingress-guard-hub-findings';
    await createHubTopicOutput(new SNSClient({ region: 'eu-west-1' }), topic).deliver(messageOf([summary]));
    const body = JSON.parse(sns.commandCalls(PublishCommand)[0]?.args[0].input.Message ?? '{}');
    expect(Object.keys(body).sort()).toEqual(['default', 'email']);
  });

  it('are not imported into Security Hub, while the findings beside them are', async () => {
    const api = scripted({ FailedFindings: [] });
    await createSecurityHubOutput(api.call, HOME, noWait).deliver(messageOf([summary]));
    expect(api.sent).toHaveLength(0);
    await createSecurityHubOutput(api.call, HOME, noWait).deliver(messageOf([revoked, summary]));
    expect(api.bodies().map((b) => b.Findings?.map((f) => f.Id))).toEqual([[revoked.findingId]]);
  });
});

describe('hub topic output', () => {
  it('publishes the local message plus the chat card to the hub topic', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const topic = 'arn:aws:sns:eu-west-1:999999999999:ssh-ingress-guard-hub-findings';
    const message = messageOf([revoked]);
    await createHubTopicOutput(new SNSClient({ region: 'eu-west-1' }), topic).deliver(message);
    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBe(topic);
    expect(input?.Subject).toBe(message.subject);
    const body = JSON.parse(input?.Message ?? '{}');
    expect(Object.keys(body).sort()).toEqual(['default', 'email', 'https']);
    expect(JSON.parse(body.https)).toMatchObject({ version: '1.0', source: 'custom' });
  });
});
