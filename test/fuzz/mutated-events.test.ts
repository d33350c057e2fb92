import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RemediationMode } from '../../functions/core/policy/policy-config.js';
import { isAggregateWorldOpen } from '../oracle/ssh-oracle.js';
import { eventFiles, loadEvent } from '../support/events.js';
import type { RegionState } from '../support/fake-aws/index.js';
import { seedRegionFromEvent } from '../support/seed-from-event.js';
import { emptyAccount, type Judgement, judge, oraclePolicyOf, type Run, runHandler } from './fuzz-harness.js';
import { arbMutations, type Mutation, mutateEvent } from './mutations.js';
import { arbScenario, renderEvent, type Scenario, seedRules } from './render-events.js';
import { claimsAbout, claimsGroupOf, claimsInGroup } from './rule-claims.js';

// FUZZ_RUNS=50000 npx vitest run test/fuzz for a deeper search than CI's.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const TIMEOUT = Math.max(20_000, RUNS * 5);

/** How often each kind of revoke was judged, so a property that held only vacuously shows up. */
type Tally = Record<'world-open' | 'unjudgeable' | 'unparsed' | 'handled', number>;
const newTally = (): Tally => ({ 'world-open': 0, unjudgeable: 0, unparsed: 0, handled: 0 });

/**
 * What may justify revoking `ruleId`: the oracle's verdict on the rule as EC2 holds it, and on each
 * rule-set item of the (mutated) event that names it. The guard acts on one or the other.
 */
function judgementsFor(ruleId: string, event: { detail: Record<string, unknown> }, account: RegionState) {
  const policy = oraclePolicyOf(account);
  const judged: Judgement[] = claimsAbout(event.detail.responseElements, ruleId).map((claim) =>
    claim === 'unjudgeable' ? claim : judge(claim, policy),
  );
  const current = account.rules.get(ruleId);
  if (current) judged.push(judge(current, policy));
  return judged;
}

/**
 * Whether `ruleId` may go as part of a group whose untrusted public SSH sources together reach the
 * world bound (the oracle's aggregate): the group as EC2 held it, with what the event claims for it.
 */
function isInAggregate(ruleId: string, event: { detail: Record<string, unknown> }, account: RegionState) {
  const { responseElements } = event.detail;
  const groupId = account.rules.get(ruleId)?.GroupId ?? claimsGroupOf(responseElements, ruleId);
  if (!groupId) return false;
  const policy = oraclePolicyOf(account);
  const held = [...account.rules.values()].filter((r) => r.GroupId === groupId);
  const claimed = claimsInGroup(responseElements, groupId).filter((c) => judge(c, policy) !== 'unjudgeable');
  return isAggregateWorldOpen([...held, ...claimed], policy);
}

/** The properties every handled event must keep, however mangled its payload. */
function checkRun(run: Run, event: { detail: Record<string, unknown> }, account: RegionState, tally: Tally) {
  if (run.outcome.kind === 'threw') throw run.outcome.error;
  const { result } = run.outcome;
  for (const ruleId of run.revoked) {
    const judged = judgementsFor(ruleId, event, account);
    // Never revoke a rule unless the oracle calls it world-open, alone or with its group's other public
    // sources (or cannot judge what the event says).
    const justified =
      judged.some((j) => j === 'world-open' || j === 'unjudgeable') ||
      (judged.includes('review') && isInAggregate(ruleId, event, account));
    expect(justified, `revoked ${ruleId}; the oracle judged ${JSON.stringify(judged)}`).toBe(true);
    tally[judged.includes('world-open') ? 'world-open' : 'unjudgeable'] += 1;
  }
  if (result.status === 'unparsed') {
    tally.unparsed += 1;
    expect(run.revoked).toEqual([]);
    expect(run.messages).toBe(1);
    expect(run.findings.map((f) => f.checkId)).toEqual(['unparsed-event']);
  } else {
    tally.handled += 1;
    expect(result.status).toBe('handled');
  }
}

/** Every mode that can revoke: narrow and replace-with-eic revoke too, after their authorize. */
const arbMode = fc.constantFrom<RemediationMode>('revoke', 'revoke', 'narrow', 'replace-with-eic');

async function runScenario(
  scenario: Scenario,
  mutations: readonly Mutation[],
  mode: RemediationMode,
  tally: Tally,
) {
  const account = emptyAccount();
  seedRules(account, scenario.current);
  const event = mutateEvent(renderEvent(scenario.form, scenario.described, 'ev-fuzz'), mutations);
  checkRun(await runHandler(event, account, { mode }), event, account, tally);
}

describe('mutated real-shaped CloudTrail events through the handler', () => {
  it(
    'never throws, never revokes a rule the oracle calls compliant (in any mode), and reports what it cannot parse',
    async () => {
      const tally = newTally();
      await fc.assert(
        fc.asyncProperty(arbScenario, arbMutations, arbMode, (scenario, mutations, mode) =>
          runScenario(scenario, mutations, mode, tally),
        ),
        { numRuns: RUNS },
      );
      if (process.env.FUZZ_RUNS) console.log(tally);
      // Not vacuous: plenty of world-open revokes, unparsed events and handled events were seen.
      expect(tally['world-open']).toBeGreaterThan(RUNS / 10);
      expect(tally.unparsed).toBeGreaterThan(RUNS / 20);
      expect(tally.handled).toBeGreaterThan(RUNS / 5);
    },
    TIMEOUT,
  );

  it(
    'keeps the same promises for the sample events in events/, mutated',
    async () => {
      // The failed-call sample is skipped before parsing: nothing there for mutations to reach.
      const files = eventFiles().filter(
        (f) => /^(authorize|modify)-/.test(f) && f !== 'authorize-failed-errorcode.json',
      );
      const tally = newTally();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...files), arbMutations, async (file, mutations) => {
          const original = loadEvent(file);
          const account = emptyAccount();
          seedRegionFromEvent(account, original);
          const event = mutateEvent(original, mutations);
          checkRun(await runHandler(event, account), event, account, tally);
        }),
        { numRuns: RUNS },
      );
      expect(tally['world-open']).toBeGreaterThan(RUNS / 10);
      expect(tally.unparsed).toBeGreaterThan(RUNS / 20);
    },
    TIMEOUT,
  );
});
