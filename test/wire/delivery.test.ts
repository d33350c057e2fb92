import { describe, expect, it } from 'vitest';
import { resultOf } from '../support/guard-process.js';
import { findingsByEvent, findingsIn } from '../support/published-findings.js';
import { authorizeEvent, modifyEvent, type RuleAt, ruleIdsIn, seedRule } from '../support/rule-events.js';
import { setUpWire } from './wire-harness.js';

// EventBridge delivers at least once and in no particular order, to as many containers as it likes.
const wire = setUpWire();

const GROUP = 'sg-0d0d0d0d0d0d0a001';
const rule = (n: number, extra: Partial<RuleAt> = {}): RuleAt => ({
  groupId: `sg-0d0d0d0d0d0d0a00${n % 4}`,
  ruleId: `sgr-0d0d0d0d0d0d${n.toString(16).padStart(5, '0')}`,
  ...extra,
});

const revokeStatuses = () =>
  wire.fake.calls.filter((c) => c.action === 'RevokeSecurityGroupIngress').map((c) => c.status);

describe('duplicate delivery', () => {
  it('revokes once; the second delivery reports already-gone under the same findingId', async () => {
    const world = rule(1);
    seedRule(wire.fake, world);
    const event = authorizeEvent('ev-dup', world);
    const first = resultOf(await wire.guard.invoke(event));
    const second = resultOf(await wire.guard.invoke(event));
    expect([first.actions, second.actions]).toEqual([{ revoked: 1 }, { 'already-gone': 1 }]);
    expect(second.findingIds).toEqual(first.findingIds);
    expect(revokeStatuses()).toEqual([200, 400]);
    expect(findingsIn(wire.fake.state.published).map((f) => f.findingId)).toEqual([
      first.findingIds?.[0],
      first.findingIds?.[0],
    ]);
  });

  it('revokes once when two containers get the same event at the same moment', async () => {
    const world = rule(2);
    seedRule(wire.fake, world);
    const other = await wire.startContainer();
    const event = authorizeEvent('ev-dup-concurrent', world);
    const results = (await Promise.all([wire.guard.invoke(event), other.invoke(event)])).map(resultOf);
    expect(results.map((r) => Object.keys(r.actions ?? {})[0]).sort()).toEqual(['already-gone', 'revoked']);
    expect(new Set(results.map((r) => r.findingIds?.[0])).size).toBe(1);
    expect(revokeStatuses().sort()).toEqual([200, 400]);
  });
});

describe('out-of-order delivery', () => {
  it('revokes on a Modify that widened a rule to the world, delivered before the Authorize that created it', async () => {
    const created = { groupId: GROUP, ruleId: 'sgr-0d0d0d0d0d0d0b001', cidr: '81.2.69.160/32' };
    const widened = { ...created, cidr: '0.0.0.0/0' };
    seedRule(wire.fake, widened);
    const modify = resultOf(await wire.guard.invoke(modifyEvent('ev-modify', widened)));
    expect(modify.actions).toEqual({ revoked: 1 });
    const authorize = resultOf(await wire.guard.invoke(authorizeEvent('ev-authorize', created)));
    // The late Authorize carries the rule as it was created (a public /32): a review finding, no call.
    expect(authorize.actions).toEqual({ review: 1 });
    expect(revokeStatuses()).toEqual([200]);
    expect(ruleIdsIn(wire.fake)).toEqual([]);
  });

  it('reports already-gone when the Authorize of a world-open rule arrives after a Modify revoked it', async () => {
    const world = { groupId: GROUP, ruleId: 'sgr-0d0d0d0d0d0d0b002' };
    seedRule(wire.fake, world);
    const modify = resultOf(await wire.guard.invoke(modifyEvent('ev-modify-2', world)));
    const authorize = resultOf(await wire.guard.invoke(authorizeEvent('ev-authorize-2', world)));
    expect([modify.actions, authorize.actions]).toEqual([{ revoked: 1 }, { 'already-gone': 1 }]);
    expect(findingsIn(wire.fake.state.published).map((f) => f.action.type)).toEqual([
      'revoked',
      'already-gone',
    ]);
  });
});

describe('a burst of 200 concurrent invocations on four groups, over four containers', () => {
  it('does not crash, loses no finding, revokes every violating rule and keeps every compliant one', async () => {
    const world = Array.from({ length: 120 }, (_, n) => rule(100 + n));
    const compliant = Array.from({ length: 40 }, (_, n) => rule(300 + n, { cidr: '10.0.0.0/8' }));
    const widened = Array.from({ length: 20 }, (_, n) => rule(400 + n));
    for (const r of [...world, ...compliant, ...widened]) seedRule(wire.fake, r);
    const events = [
      ...world.map((r, n) => authorizeEvent(`ev-burst-world-${n}`, r)),
      ...compliant.map((r, n) => authorizeEvent(`ev-burst-private-${n}`, r)),
      ...widened.map((r, n) => modifyEvent(`ev-burst-modify-${n}`, r)),
      // redeliveries of the first twenty world-open events, racing their originals
      ...world.slice(0, 20).map((r, n) => authorizeEvent(`ev-burst-world-${n}`, r)),
    ];
    // The account is busy: the first revokes are throttled and must be retried.
    wire.fake.faults.add({ kind: 'throttle', action: 'RevokeSecurityGroupIngress', times: 10 });
    const containers = [wire.guard, ...(await Promise.all([1, 2, 3].map(() => wire.startContainer())))];

    const invocations = await Promise.all(
      containers.map((container, c) => container.invokeAll(events.filter((_, n) => n % 4 === c))),
    );

    expect(invocations.flat().filter((i) => !i.ok)).toEqual([]);
    expect(ruleIdsIn(wire.fake).sort()).toEqual(compliant.map((r) => r.ruleId).sort());
    const byEvent = findingsByEvent(wire.fake.state.published);
    const violating = [
      ...world.map((_, n) => `ev-burst-world-${n}`),
      ...widened.map((_, n) => `ev-burst-modify-${n}`),
    ];
    expect(violating.filter((id) => !byEvent.has(id))).toEqual([]);
    expect(world.slice(0, 20).map((_, n) => byEvent.get(`ev-burst-world-${n}`)?.length)).toEqual(
      Array(20).fill(2),
    );
    const actions = [...byEvent.values()].flat().map((f) => f.action.type);
    expect(actions.filter((a) => a !== 'revoked' && a !== 'already-gone')).toEqual([]);
    expect(actions.filter((a) => a === 'revoked')).toHaveLength(140);
    expect(compliant.some((_, n) => byEvent.has(`ev-burst-private-${n}`))).toBe(false);
  }, 60_000);
});
