// The canary and the guard, both as built bundles, against the loopback fake. In AWS, CloudTrail and
// EventBridge carry the canary's AuthorizeSecurityGroupIngress to the guard; here a small relay plays
// that part: it watches the fake's calls, and when the canary's Authorize has succeeded it builds the
// CloudTrail event of that call (with the rule set EC2 returned) and invokes the guard container with
// it. The canary measures the window exactly as it does in an account, by polling the group.
import type { CanaryResult } from '../../functions/canary/canary-handler.js';
import type { FakeAws } from './fake-aws/index.js';
import { GuardProcess, type Invocation } from './guard-process.js';
import { authorizeEvent } from './rule-events.js';

export const CANARY_GROUP = 'sg-0c0ffee0c0ffee001';

export interface CanaryRun {
  readonly canary: CanaryResult;
  /** Milliseconds from the canary's Authorize reaching EC2 to the relay handing the event to the guard. */
  readonly relayMs: number;
  readonly guard: Invocation;
}

/** Polls the fake's call log until `found` returns something, every `everyMs`. */
async function waitFor<T>(found: () => T | undefined, everyMs: number, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error('the canary never opened its probe');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Starts the canary bundle's container, configured to poll every `pollMs` and give up at `boundSeconds`. */
export function startCanary(bundle: string, fake: FakeAws, pollMs: number, boundSeconds: number) {
  return GuardProcess.start(bundle, {
    ...fake.env(),
    CANARY_GROUP_ID: CANARY_GROUP,
    CANARY_POLL_MS: String(pollMs),
    CANARY_BOUND_SECONDS: String(boundSeconds),
  });
}

/** The canary group as the stack creates it: no rules at all. */
export function seedCanaryGroup(fake: FakeAws): void {
  fake.state.region().addGroup({ GroupId: CANARY_GROUP, GroupName: 'ssh-ingress-guard-prod-canary' });
}

/**
 * One canary run with the relay delivering its Authorize to the guard. `deliver: false` plays a
 * broken chain (the event never reaches the guard).
 */
export async function runCanaryThroughGuard(
  fake: FakeAws,
  canary: GuardProcess,
  guard: GuardProcess,
  { deliver = true, relayEveryMs = 2 } = {},
): Promise<CanaryRun | { canary: CanaryResult }> {
  const from = fake.calls.length;
  const run = canary.invoke({
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    id: `canary-${Date.now()}`,
    detail: {},
  });
  if (!deliver) return { canary: resultOf(await run) };
  const authorized = await waitFor(
    () =>
      fake.calls.slice(from).find((c) => c.action === 'AuthorizeSecurityGroupIngress' && c.status === 200),
    relayEveryMs,
    10_000,
  );
  const seenAt = performance.now();
  const rule = [...fake.state.region().rules.values()].find((r) => r.GroupId === CANARY_GROUP && !r.IsEgress);
  if (!rule || authorized.params.GroupId !== CANARY_GROUP)
    throw new Error('the canary opened no probe on its group');
  const event = authorizeEvent(`canary-relay-${rule.SecurityGroupRuleId}`, {
    groupId: CANARY_GROUP,
    ruleId: rule.SecurityGroupRuleId,
  });
  const relayMs = performance.now() - seenAt;
  const guardRun = guard.invoke(event);
  const [canaryResult, guardResult] = await Promise.all([run, guardRun]);
  return { canary: resultOf(canaryResult), relayMs, guard: guardResult };
}

function resultOf(invocation: Invocation): CanaryResult {
  if (!invocation.ok) throw new Error(`canary threw ${invocation.error.name}: ${invocation.error.message}`);
  return invocation.result as unknown as CanaryResult;
}
