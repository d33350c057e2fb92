import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANARY_GROUP,
  runCanaryThroughGuard,
  seedCanaryGroup,
  startCanary,
} from '../support/canary-relay.js';
import type { GuardProcess } from '../support/guard-process.js';
import { attributesOf } from '../support/published-findings.js';
import { bundleOf, setUpWire } from './wire-harness.js';

const wire = setUpWire();
let canary: GuardProcess;
let markedGuard: GuardProcess;

beforeAll(async () => {
  canary = await startCanary(bundleOf('canary'), wire.fake, 10, 2);
  markedGuard = await (await import('../support/guard-process.js')).GuardProcess.start(bundleOf('guard'), {
    ...wire.fake.env(),
    CANARY_GROUP_ID: CANARY_GROUP,
  });
});

afterAll(async () => {
  await canary?.close();
  await markedGuard?.close();
});

const emfLines = (process: GuardProcess) =>
  process.logRecords().filter((r) => (r as { _aws?: unknown })._aws !== undefined) as Record<
    string,
    unknown
  >[];

describe('the canary bundle with the guard bundle, on the wire', () => {
  it('opens world SSH on its group, the guard revokes it, and the canary measures a real window', async () => {
    seedCanaryGroup(wire.fake);
    const run = await runCanaryThroughGuard(wire.fake, canary, markedGuard);
    expect(run.canary.outcome).toMatchObject({ kind: 'revoked' });
    const { windowSeconds } = run.canary.outcome as { windowSeconds: number };
    expect(windowSeconds).toBeGreaterThan(0);
    expect(windowSeconds).toBeLessThan(2);
    // The guard revoked the canary's rule, by id, and the group is empty again.
    expect(
      wire.fake.calls.filter((c) => c.action === 'RevokeSecurityGroupIngress').map((c) => c.params.GroupId),
    ).toEqual([CANARY_GROUP]);
    expect(
      [...wire.fake.state.region().rules.values()].filter((r) => r.GroupId === CANARY_GROUP && !r.IsEgress),
    ).toEqual([]);
    // The canary wrote to its own group only.
    const canaryWrites = wire.fake.calls.filter((c) => c.action === 'AuthorizeSecurityGroupIngress');
    expect(canaryWrites.map((c) => c.params.GroupId)).toEqual([CANARY_GROUP]);
  });

  it('the guard’s finding about the canary group is marked canary, so no paging subscription receives it', async () => {
    seedCanaryGroup(wire.fake);
    await runCanaryThroughGuard(wire.fake, canary, markedGuard);
    const [message] = wire.fake.state.published;
    expect(attributesOf(message as never)).toMatchObject({ canary: 'true', action: 'revoked' });
    expect(message?.Subject).toMatch(/^\[canary\] /);
  });

  it('publishes the window as an EMF metric next to the run’s outcome', async () => {
    seedCanaryGroup(wire.fake);
    const before = emfLines(canary).length;
    const run = await runCanaryThroughGuard(wire.fake, canary, markedGuard);
    const lines = emfLines(canary).slice(before);
    const window = lines.find((l) => 'CanaryExposureWindow' in l);
    expect(window?.CanaryExposureWindow).toBe(
      (run.canary.outcome as { windowSeconds: number }).windowSeconds,
    );
    expect(lines.find((l) => 'CanaryRuns' in l)).toMatchObject({
      CanaryRuns: 1,
      outcome: 'revoked',
      function: 'canary',
    });
  });

  it('when the event never reaches the guard, the bound passes: not revoked, probe removed by the canary', async () => {
    seedCanaryGroup(wire.fake);
    const run = await runCanaryThroughGuard(wire.fake, canary, markedGuard, { deliver: false });
    expect(run.canary.outcome).toMatchObject({
      kind: 'not-revoked',
      boundSeconds: 2,
      cleanup: 'removed-by-canary',
    });
    expect(
      [...wire.fake.state.region().rules.values()].filter((r) => r.GroupId === CANARY_GROUP && !r.IsEgress),
    ).toEqual([]);
  });

  it('when its group is gone, the canary reports that it failed', async () => {
    const run = await runCanaryThroughGuard(wire.fake, canary, markedGuard, { deliver: false });
    expect(run.canary.outcome).toMatchObject({ kind: 'failed', stage: 'open' });
    expect((run.canary.outcome as { error: string }).error).toMatch(/InvalidGroup.NotFound/);
  });
});
