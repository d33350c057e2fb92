import { functionPatterns, functionsFor } from '../../test/support/event-routing.js';
import { eventFiles, loadEvent, loadManifest } from '../../test/support/events.js';
import { startFakeAws } from '../../test/support/fake-aws/index.js';
import { GuardProcess } from '../../test/support/guard-process.js';
import {
  CALL_BUDGETS,
  type CallBudget,
  type CallCounts,
  countByAction,
  total,
} from '../../test/support/minimal-calls.js';
import { seedFromEvent } from '../../test/support/seed-from-event.js';

export interface EventCalls {
  readonly file: string;
  readonly trigger: string;
  /** The function EventBridge delivers it to, if any. */
  readonly fn?: string;
  readonly outcome: string;
  readonly calls: CallCounts;
  /** Undefined for triggers this function does not handle yet. */
  readonly budget?: CallBudget;
}

function describeOutcome(invocation: Awaited<ReturnType<GuardProcess['invoke']>>): string {
  if (!invocation.ok) return `threw ${invocation.error.name}`;
  const { status, actions = {} } = invocation.result;
  const done = Object.entries(actions).map(([action, n]) => `${action} ${n}`);
  return [status, ...done].join(', ');
}

/**
 * Every sample event, delivered to the function whose EventBridge pattern matches it (one warm
 * container each), against a fresh account seeded so that the event's rules, groups and clusters exist.
 */
export async function measureCallsPerEvent(bundles: Readonly<Record<string, string>>): Promise<EventCalls[]> {
  const fake = await startFakeAws();
  const containers = new Map<string, GuardProcess>();
  const triggers = new Map(loadManifest().map((m) => [m.file, m.trigger]));
  const patterns = functionPatterns();
  try {
    const rows: EventCalls[] = [];
    for (const file of eventFiles()) {
      fake.reset();
      const event = loadEvent(file);
      seedFromEvent(fake.state, event);
      const [fn] = functionsFor(event, patterns);
      let outcome = 'not delivered: no function pattern matches';
      if (fn) {
        if (!containers.has(fn)) {
          const env = { ...fake.env(), POWERTOOLS_LOG_LEVEL: 'SILENT' };
          containers.set(fn, await GuardProcess.start(bundles[fn] as string, env));
        }
        outcome = describeOutcome(await (containers.get(fn) as GuardProcess).invoke(event));
      }
      rows.push({
        file,
        trigger: triggers.get(file) ?? '?',
        ...(fn ? { fn } : {}),
        outcome,
        calls: countByAction(fake.calls),
        ...(CALL_BUDGETS[file] ? { budget: CALL_BUDGETS[file] } : {}),
      });
    }
    return rows;
  } finally {
    await Promise.all([...containers.values()].map((c) => c.close()));
    await fake.close();
  }
}

/** Calls over the minimum for one event (0 when at the minimum). */
export const excessOf = (row: EventCalls): number =>
  row.budget ? total(row.calls) - total(row.budget.minimum) : 0;

const sameCalls = (a: CallCounts, b: CallCounts): boolean =>
  Object.keys({ ...a, ...b }).every((action) => (a[action] ?? 0) === (b[action] ?? 0));

/** The event made exactly the minimum calls (not merely as many). */
export const isAtMinimum = (row: EventCalls): boolean =>
  row.budget !== undefined && sameCalls(row.calls, row.budget.minimum);

const callsText = (c: CallCounts) =>
  Object.keys(c).length === 0
    ? 'none'
    : Object.entries(c)
        .map(([a, n]) => (n === 1 ? a : `${a} ×${n}`))
        .join(', ');

export function callsVerdict(calls: readonly EventCalls[]) {
  const budgeted = calls.filter((c) => c.budget && c.fn);
  const off = budgeted.filter((c) => !isAtMinimum(c));
  return { budgeted: budgeted.length, atMinimum: budgeted.length - off.length, off };
}

/** One markdown row per sample event: its calls against its minimum. */
export function callsTable(rows: readonly EventCalls[]): string[] {
  const lines = [
    '| sample event | trigger | function | outcome | AWS calls | total | minimum | |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const minimum = r.budget ? `${total(r.budget.minimum)} (${callsText(r.budget.minimum)})` : '—';
    const verdict = !r.fn
      ? '—'
      : !r.budget
        ? `trigger not handled yet${r.outcome.startsWith('unparsed') ? ': an unparsed-event finding per event' : ''}`
        : isAtMinimum(r)
          ? 'at minimum'
          : `${excessOf(r) >= 0 ? '+' : ''}${excessOf(r)}: ${r.budget.why ?? 'unexplained'}`;
    lines.push(
      `| ${r.file} | ${r.trigger} | ${r.fn ?? '—'} | ${r.outcome} | ${callsText(r.calls)} | ${total(r.calls)} | ${minimum} | ${verdict} |`,
    );
  }
  return lines;
}
