// The built guard bundle with every output on (the hub topic, the account's default bus, Security
// Hub) against the loopback fake: one violating event makes exactly one call to each, and an output
// that is down fails the invocation only after the local topic has the finding, so Lambda's retry
// delivers what was missed and nothing is lost silently.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../functions/core/findings/finding.js';
import { type FakeAws, startFakeAws } from '../support/fake-aws/index.js';
import { GuardProcess, resultOf, TOPIC_ARN } from '../support/guard-process.js';
import { findingsOfBody } from '../support/published-findings.js';
import { authorizeEvent, ruleIdsIn, seedRule } from '../support/rule-events.js';
import { bundleOf } from './wire-harness.js';

/** The hub lives in another account and region, as it does in an organisation. */
const HUB_TOPIC = 'arn:aws:sns:us-east-1:999999999999:ssh-ingress-guard-hub-findings';
const HUB_BUS = 'arn:aws:events:us-east-1:999999999999:event-bus/ssh-ingress-guard-hub';
const HUB_REGION = 'us-east-1';
const OUTPUTS = {
  CENTRAL_TOPIC_ARN: HUB_TOPIC,
  CENTRAL_BUS_ARN: HUB_BUS,
  FINDINGS_EVENT_BUS: 'default',
  SECURITY_HUB_IMPORT: 'true',
};
const RULE = { groupId: 'sg-0f0f0f0f0f0f0b001', ruleId: 'sgr-0f0f0f0f0f0f0b001' };

let fake: FakeAws;
const containers: GuardProcess[] = [];
const start = async (env: Record<string, string> = {}) => {
  const container = await GuardProcess.start(bundleOf('guard'), { ...fake.env(), ...OUTPUTS, ...env });
  containers.push(container);
  return container;
};
let guard: GuardProcess;

beforeAll(async () => {
  fake = await startFakeAws();
  guard = await start();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await Promise.all(containers.map((c) => c.close()));
  await fake.close();
});

const callCounts = () => {
  const counts: Record<string, number> = {};
  for (const call of fake.calls)
    counts[`${call.service}:${call.action}`] = (counts[`${call.service}:${call.action}`] ?? 0) + 1;
  return counts;
};
const localMessages = () => fake.state.published.filter((m) => m.TopicArn === TOPIC_ARN);
const hubMessages = () => fake.state.published.filter((m) => m.TopicArn === HUB_TOPIC);
const securityHubFindings = () => [...fake.state.securityHubFindings.values()];
const sortByBus = <T extends { EventBusName: string }>(events: T[]) =>
  [...events].sort((a, b) => a.EventBusName.localeCompare(b.EventBusName));
const eventDetails = () => fake.state.events.map((e) => JSON.parse(e.Detail) as Finding);

describe('a violating event with every output on', () => {
  it('revokes, then publishes locally, to the hub topic, to both buses and to Security Hub: one call each', async () => {
    seedRule(fake, RULE);
    const result = resultOf(await guard.invoke(authorizeEvent('ev-hub-all', RULE)));
    expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
    expect(ruleIdsIn(fake)).toEqual([]);
    expect(callCounts()).toEqual({
      'ec2:RevokeSecurityGroupIngress': 1,
      'sns:Publish': 2,
      'events:PutEvents': 2,
      'securityhub:BatchImportFindings': 1,
    });

    const [local] = localMessages();
    const [hub] = hubMessages();
    const [finding] = findingsOfBody(local?.Message ?? '');
    expect(finding).toMatchObject({ action: { type: 'revoked' }, resource: { ruleId: RULE.ruleId } });
    // The local message is today's: a JSON document and an email text, nothing added.
    expect(Object.keys(JSON.parse(local?.Message ?? '{}')).sort()).toEqual(['default', 'email']);
    // The hub gets the same document and email, in its own region, plus the chat card for Chatbot.
    expect(hub?.region).toBe(HUB_REGION);
    const hubBody = JSON.parse(hub?.Message ?? '{}');
    expect(hubBody.default).toBe(JSON.parse(local?.Message ?? '{}').default);
    expect(hubBody.email).toBe(JSON.parse(local?.Message ?? '{}').email);
    expect(JSON.parse(hubBody.https)).toMatchObject({
      version: '1.0',
      source: 'custom',
      id: finding?.findingId,
    });
    expect(hub?.MessageAttributes).toEqual(local?.MessageAttributes);

    const event = { Source: 'ssh-ingress-guard', DetailType: 'SSH Ingress Guard Finding' };
    expect(sortByBus(fake.state.events)).toMatchObject([
      { ...event, EventBusName: HUB_BUS, region: HUB_REGION },
      { ...event, EventBusName: 'default', region: 'eu-west-1' },
    ]);
    expect(eventDetails()).toEqual([finding, finding]);

    expect(securityHubFindings()).toMatchObject([
      {
        region: 'eu-west-1',
        imports: 1,
        finding: {
          Id: finding?.findingId,
          ProductArn: 'arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default',
          Compliance: { Status: 'PASSED' },
          Workflow: { Status: 'RESOLVED' },
        },
      },
    ]);
  });
});

describe('an output that is down', () => {
  it('Security Hub refusing: the finding reaches the local topic, the invocation fails, the retry imports it', async () => {
    seedRule(fake, RULE);
    const denied = fake.faults.add({
      kind: 'error',
      code: 'AccessDeniedException',
      status: 403,
      service: 'securityhub',
    });
    const event = authorizeEvent('ev-hub-securityhub-down', RULE);
    const first = await guard.invoke(event);
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error).toMatchObject({
      name: 'PublishError',
      cause: { message: 'published locally, but not to: Security Hub' },
    });
    expect(findingsOfBody(localMessages()[0]?.Message ?? '')).toMatchObject([
      { action: { type: 'revoked' } },
    ]);
    expect(hubMessages()).toHaveLength(1);
    expect(fake.state.events).toHaveLength(2);
    expect(securityHubFindings()).toEqual([]);

    // Lambda retries the event (asynchronous invocation): Security Hub is back.
    denied.remove();
    expect(resultOf(await guard.invoke(event))).toMatchObject({
      status: 'handled',
      actions: { 'already-gone': 1 },
    });
    const ids = localMessages().map((m) => findingsOfBody(m.Message)[0]?.findingId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    expect(securityHubFindings()).toMatchObject([
      { imports: 1, finding: { Id: ids[0], Workflow: { Status: 'RESOLVED' } } },
    ]);
  });

  it('the hub topic failing: the local topic, the bus and Security Hub have it, the invocation fails for a retry', async () => {
    seedRule(fake, RULE);
    fake.faults.add({
      kind: 'error',
      code: 'AuthorizationError',
      status: 403,
      service: 'sns',
      region: HUB_REGION,
    });
    const first = await guard.invoke(authorizeEvent('ev-hub-topic-down', RULE));
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error.cause).toMatchObject({ message: 'published locally, but not to: hub topic' });
    expect(localMessages()).toHaveLength(1);
    expect(hubMessages()).toHaveLength(0);
    expect(fake.state.events).toHaveLength(2);
    expect(securityHubFindings()).toHaveLength(1);
  });

  it('the hub bus refusing: everything else has the finding, the invocation fails for a retry', async () => {
    seedRule(fake, RULE);
    fake.faults.add({
      kind: 'error',
      code: 'AccessDeniedException',
      status: 400,
      service: 'events',
      region: HUB_REGION,
    });
    const first = await guard.invoke(authorizeEvent('ev-hub-bus-down', RULE));
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error.cause).toMatchObject({ message: 'published locally, but not to: hub bus' });
    expect(localMessages()).toHaveLength(1);
    expect(hubMessages()).toHaveLength(1);
    expect(fake.state.events.map((e) => e.EventBusName)).toEqual(['default']);
    expect(securityHubFindings()).toHaveLength(1);
  });

  it('the local topic failing: no output is tried and the invocation fails as it always did', async () => {
    seedRule(fake, RULE);
    fake.faults.add({
      kind: 'error',
      code: 'AuthorizationError',
      status: 403,
      service: 'sns',
      region: 'eu-west-1',
    });
    const first = await guard.invoke(authorizeEvent('ev-local-down', RULE));
    expect(first.ok).toBe(false);
    expect(callCounts()).toEqual({ 'ec2:RevokeSecurityGroupIngress': 1, 'sns:Publish': 1 });
  });
});

describe('a redelivered event', () => {
  it('gives the same Security Hub finding id (updated, not duplicated) and the same EventBridge detail', async () => {
    const reporter = await start({ REMEDIATION_MODE: 'report' });
    seedRule(fake, RULE);
    const event = authorizeEvent('ev-hub-redelivered', RULE);
    resultOf(await reporter.invoke(event));
    resultOf(await reporter.invoke(event));
    expect(securityHubFindings()).toMatchObject([{ imports: 2 }]);
    const details = fake.state.events
      .filter((e) => e.EventBusName === HUB_BUS)
      .map((e) => JSON.parse(e.Detail) as Finding);
    const [first, again] = details;
    expect(again?.findingId).toBe(first?.findingId);
    // observedAt is when each delivery was handled (also the event's `time`); the rest is identical.
    expect({ ...again, observedAt: '' }).toEqual({ ...first, observedAt: '' });
  });
});
