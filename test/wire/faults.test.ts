import { describe, expect, it } from 'vitest';
import type { FakeAws, Fault } from '../support/fake-aws/index.js';
import { resultOf } from '../support/guard-process.js';
import { findingsIn, findingsOfBody } from '../support/published-findings.js';
import { authorizeEvent, modifyEvent, ruleIdsIn, seedRule } from '../support/rule-events.js';
import { withOwnWire } from './wire-harness.js';

// Every test has its own endpoint and a cold container, and they run concurrently: most of their time
// is the SDK backing off, and adaptive retry remembers throttling, which would slow the next test.

const REVOKE = 'RevokeSecurityGroupIngress';
const PUBLISH = 'Publish';
const DESCRIBE = 'DescribeSecurityGroupRules';
/** CLIENT_OPTIONS in functions/adapters/clients.ts. */
const ATTEMPTS = 5;
const REQUEST_TIMEOUT_MS = 10_000;
const RULE = { groupId: 'sg-0f0f0f0f0f0f0a001', ruleId: 'sgr-0f0f0f0f0f0f0a001' };
/** Throttling back-off (500 ms base, exponential, jittered) over every attempt can take 15 s or more. */
const SLOW = 60_000;

const statusesOf = (fake: FakeAws, action: string) =>
  fake.calls.filter((c) => c.action === action).map((c) => c.status);

describe.concurrent('faults the SDK retries through: the rule is revoked and the finding published once', () => {
  it.each<[string, Fault & { action: string }]>([
    ['EC2 throttling (503 RequestLimitExceeded) on revoke', { kind: 'throttle', action: REVOKE, times: 2 }],
    ['EC2 500 InternalError on revoke', { kind: 'server-error', action: REVOKE, times: 2 }],
    ['connection resets on revoke', { kind: 'reset', action: REVOKE, times: 2 }],
    ['SNS throttling (Throttling) on publish', { kind: 'throttle', action: PUBLISH, times: 2 }],
    ['SNS 500 InternalError on publish', { kind: 'server-error', action: PUBLISH, times: 2 }],
    ['connection resets on publish', { kind: 'reset', action: PUBLISH, times: 2 }],
  ])(
    '%s',
    (_, fault) =>
      withOwnWire(async ({ fake, guard }) => {
        seedRule(fake, RULE);
        fake.faults.add(fault);
        const result = resultOf(await guard.invoke(authorizeEvent('ev-retry', RULE)));
        expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
        expect(ruleIdsIn(fake)).toEqual([]);
        expect(statusesOf(fake, fault.action)).toHaveLength(3);
        expect(statusesOf(fake, fault.action).at(-1)).toBe(200);
        expect(findingsIn(fake.state.published)).toMatchObject([{ action: { type: 'revoked' } }]);
      }),
    SLOW,
  );

  it(
    'reads a modified rule through throttled DescribeSecurityGroupRules calls, then revokes it',
    () =>
      withOwnWire(async ({ fake, guard }) => {
        seedRule(fake, RULE);
        fake.faults.add({ kind: 'throttle', action: DESCRIBE, times: 2 });
        const result = resultOf(await guard.invoke(modifyEvent('ev-retry-describe', RULE)));
        expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
        expect(statusesOf(fake, DESCRIBE)).toEqual([503, 503, 200]);
        expect(ruleIdsIn(fake)).toEqual([]);
      }),
    SLOW,
  );

  it(
    'gives up on a revoke slower than the SDK request timeout and revokes on the retry',
    () =>
      withOwnWire(async ({ fake, guard }) => {
        seedRule(fake, RULE);
        fake.faults.add({ kind: 'delay', ms: 5 * REQUEST_TIMEOUT_MS, action: REVOKE, times: 1 });
        const invocation = await guard.invoke(authorizeEvent('ev-slow', RULE));
        expect(resultOf(invocation)).toMatchObject({ actions: { revoked: 1 } });
        expect(invocation.ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS);
        expect(invocation.ms).toBeLessThan(3 * REQUEST_TIMEOUT_MS);
        // The first call never got an answer: the SDK hung up on it.
        expect(statusesOf(fake, REVOKE)).toEqual([undefined, 200]);
        expect(ruleIdsIn(fake)).toEqual([]);
        expect(findingsIn(fake.state.published)).toMatchObject([{ action: { type: 'revoked' } }]);
      }),
    SLOW,
  );
});

describe.concurrent('revokes that cannot succeed become findings, never a throw', () => {
  it('reports a rule deleted before the guard acted as already-gone', () =>
    withOwnWire(async ({ fake, guard }) => {
      // Outside the default VPC, where EC2 answers a permission the group no longer holds with 400.
      fake.state.addGroup({ GroupId: RULE.groupId, VpcId: 'vpc-0a1b2c3d4e5f6a7b8' });
      const result = resultOf(await guard.invoke(authorizeEvent('ev-gone', RULE)));
      expect(result).toMatchObject({ status: 'handled', actions: { 'already-gone': 1 } });
      expect(statusesOf(fake, REVOKE)).toEqual([400]);
      expect(findingsIn(fake.state.published)).toMatchObject([{ action: { type: 'already-gone' } }]);
    }));

  it('reports a rule whose group was deleted as already-gone', () =>
    withOwnWire(async ({ fake, guard }) => {
      const result = resultOf(await guard.invoke(authorizeEvent('ev-group-gone', RULE)));
      expect(result).toMatchObject({ actions: { 'already-gone': 1 } });
      expect(findingsIn(fake.state.published)).toMatchObject([{ action: { type: 'already-gone' } }]);
    }));

  it.each([
    ['UnauthorizedOperation', 403],
    ['AccessDenied', 403],
  ])(
    'publishes a critical failed finding when revoke is denied with %s, and does not throw',
    (code, status) =>
      withOwnWire(async ({ fake, guard }) => {
        seedRule(fake, RULE);
        fake.faults.add({ kind: 'error', code, status, action: REVOKE, message: 'explicit deny in an SCP' });
        const result = resultOf(await guard.invoke(authorizeEvent('ev-denied', RULE)));
        expect(result).toMatchObject({ status: 'handled', actions: { failed: 1 } });
        expect(statusesOf(fake, REVOKE)).toEqual([403]);
        expect(ruleIdsIn(fake)).toEqual([RULE.ruleId]);
        const [message] = fake.state.published;
        expect(message?.MessageAttributes.severity?.StringValue).toBe('critical');
        expect(message?.Subject).toMatch(/^\[ssh-ingress-guard\] FAILED/);
        expect(findingsIn(fake.state.published)).toMatchObject([
          { severity: 'critical', action: { type: 'failed', error: { code } } },
        ]);
      }),
  );

  it(
    'publishes a critical failed finding when revoke is still throttled after every retry',
    () =>
      withOwnWire(async ({ fake, guard }) => {
        seedRule(fake, RULE);
        fake.faults.add({ kind: 'throttle', action: REVOKE, times: ATTEMPTS + 5 });
        const result = resultOf(await guard.invoke(authorizeEvent('ev-throttled', RULE)));
        expect(result).toMatchObject({ actions: { failed: 1 } });
        expect(statusesOf(fake, REVOKE)).toEqual(Array(ATTEMPTS).fill(503));
        expect(ruleIdsIn(fake)).toEqual([RULE.ruleId]);
        expect(findingsIn(fake.state.published)).toMatchObject([
          { severity: 'critical', action: { type: 'failed', error: { code: 'RequestLimitExceeded' } } },
        ]);
      }),
    SLOW,
  );
});

describe.concurrent('failures only a Lambda retry can fix: the handler throws', () => {
  it(
    'throws when SNS is down; the redelivered event revokes nothing twice and publishes the same findingId',
    () =>
      withOwnWire(async ({ fake, guard }) => {
        seedRule(fake, RULE);
        const outage = fake.faults.add({ kind: 'server-error', action: PUBLISH });
        const event = authorizeEvent('ev-sns-down', RULE);

        const first = await guard.invoke(event);
        // The SDK names SNS errors with an Exception suffix: InternalError arrives as InternalErrorException.
        expect(first).toMatchObject({
          ok: false,
          error: { name: 'PublishError', cause: { name: 'InternalErrorException' } },
        });
        expect(ruleIdsIn(fake)).toEqual([]);
        expect(statusesOf(fake, PUBLISH)).toEqual(Array(ATTEMPTS).fill(500));
        const attempted = findingsOfBody(String(fake.calls.at(-1)?.params.Message));

        outage.remove();
        const redelivered = resultOf(await guard.invoke(event));
        expect(redelivered).toMatchObject({ status: 'handled', actions: { 'already-gone': 1 } });
        expect(statusesOf(fake, REVOKE)).toEqual([200, 400]);
        const published = findingsIn(fake.state.published);
        expect(published.map((f) => [f.findingId, f.action.type])).toEqual([
          [attempted[0]?.findingId, 'already-gone'],
        ]);
      }),
    SLOW,
  );

  it('throws without retrying when SNS refuses the publish (AuthorizationError)', () =>
    withOwnWire(async ({ fake, guard }) => {
      seedRule(fake, RULE);
      fake.faults.add({ kind: 'error', code: 'AuthorizationError', status: 403, action: PUBLISH });
      const invocation = await guard.invoke(authorizeEvent('ev-sns-denied', RULE));
      expect(invocation).toMatchObject({
        ok: false,
        error: { name: 'PublishError', cause: { name: 'AuthorizationErrorException' } },
      });
      expect(statusesOf(fake, PUBLISH)).toEqual([403]);
    }));

  it(
    'throws when the rule cannot be read after every retry, having changed and published nothing',
    () =>
      withOwnWire(async ({ fake, guard }) => {
        seedRule(fake, RULE);
        fake.faults.add({ kind: 'server-error', action: DESCRIBE });
        const invocation = await guard.invoke(modifyEvent('ev-describe-down', RULE));
        expect(invocation).toMatchObject({ ok: false, error: { name: 'InternalError' } });
        expect(statusesOf(fake, DESCRIBE)).toEqual(Array(ATTEMPTS).fill(500));
        expect(ruleIdsIn(fake)).toEqual([RULE.ruleId]);
        expect(fake.state.published).toEqual([]);
      }),
    SLOW,
  );
});
