/**
 * How hard do an organisation's scheduled sweeps hit the findings hub? Simulates one sweep period of
 * 1,000 accounts x 17 regions under four ways of scheduling the sweep, second by second, and prints
 * what the hub topic and bus receive at peak, and how long a finding waits for its email and chat
 * subscribers at worst (SNS delivers email at 10 messages/s per subscription; Slack posts about
 * 1 message/s per channel). docs/scale.md quotes its output.
 *
 *   npx tsx scripts/simulate-sweeps.ts [--accounts 1000] [--regions 17] [--seed 7]
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SweepSpread, slotCount, sweepSlotOf } from '../functions/core/model/sweep-slot.js';

export interface Scenario {
  readonly accounts: number;
  readonly regions: number;
  readonly seed: number;
  /** Messages an account's sweep publishes: 1 summary + 1 per region with findings. */
  readonly regionsWithFindings: 'steady' | 'first-sweep';
}

export interface Strategy {
  readonly name: string;
  readonly how: string;
  /** Second of the period at which each account's sweep starts. */
  start(accountId: string, index: number, count: number, random: () => number): number;
  /** Extra cost per account per month, USD, of the scheduling itself. */
  readonly costPerAccountMonth: number;
}

export const SPREAD: SweepSpread = { periodMinutes: 360, slotMinutes: 5 };
/** EventBridge fires a scheduled rule within its minute, not at second 0. */
const jitter = (random: () => number) => random() * 10;

/** Lambda arm64 request + 1 GB-ms per no-op invocation, and its three log lines (0.3 KB), per month. */
const noOpInvocationsPerMonth = (slotMinutes: number) => (30 * 24 * 60) / slotMinutes;
const noOpCost = (slotMinutes: number) =>
  noOpInvocationsPerMonth(slotMinutes) * (0.2e-6 + 0.001 * 1 * 0.0000133334 + (0.3 / 1024 / 1024) * 0.5);

export const STRATEGIES: readonly Strategy[] = [
  {
    name: 'same minute',
    how: 'clock-aligned schedule, e.g. cron(0 0/6 * * ? *): every account at 00:00, 06:00...',
    start: (_id, _i, _n, random) => jitter(random),
    costPerAccountMonth: 0,
  },
  {
    name: 'StackSet waves',
    how: 'rate(6 hours) from each stack’s creation: 4 waves of 25% (MaxConcurrentPercentage), ~90 s each',
    start: (_id, i, n, random) => Math.floor((i * 4) / n) * 240 + random() * 90 + jitter(random),
    costPerAccountMonth: 0,
  },
  {
    name: 'account slot',
    how: `schedule every ${SPREAD.slotMinutes} min on the clock; each account sweeps in slot hash(account) mod ${slotCount(SPREAD)}`,
    start: (id, _i, _n, random) => sweepSlotOf(id, SPREAD) * SPREAD.slotMinutes * 60 + jitter(random),
    costPerAccountMonth: noOpCost(SPREAD.slotMinutes),
  },
  {
    name: 'flexible window',
    how: 'EventBridge Scheduler, FlexibleTimeWindow 15 min: a random second of the window, every run',
    start: (_id, _i, _n, random) => random() * 900,
    costPerAccountMonth: 0,
  },
];

/** mulberry32: a seeded generator, so the doc's figures are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Outcome {
  readonly strategy: string;
  readonly messages: number;
  /** Hub topic publishes (each also one PutEvents entry on the hub bus) in the busiest second. */
  readonly peakPerSecond: number;
  readonly peakPerMinute: number;
  /** Sweeps running at once, at most (each one Lambda in its own account). */
  readonly peakConcurrentSweeps: number;
  /** The longest a message waits to reach the email subscriber (10/s) and the Slack channel (1/s). */
  readonly emailWaitSeconds: number;
  readonly chatWaitSeconds: number;
  readonly costPerAccountMonth: number;
}

/** The longest a message waits for a subscriber that takes `rate` messages/s (its queue at worst). */
function worstWait(arrivals: readonly number[], rate: number): number {
  let free = 0;
  let worst = 0;
  for (const t of [...arrivals].sort((a, b) => a - b)) {
    free = Math.max(free, t) + 1 / rate;
    worst = Math.max(worst, free - t);
  }
  return Math.round(worst);
}

export function simulate(strategy: Strategy, scenario: Scenario): Outcome {
  const random = seeded(scenario.seed);
  const arrivals: number[] = [];
  const spans: [number, number][] = [];
  for (let i = 0; i < scenario.accounts; i += 1) {
    const accountId = String(100_000_000_000 + Math.floor(random() * 899_999_999_999));
    const start = strategy.start(accountId, i, scenario.accounts, random);
    // 17 regions, 4 at a time, mostly empty: 5-40 s (scripts/bench-sweep.ts measures one region).
    const duration = 5 + random() * 35;
    spans.push([start, start + duration]);
    const withFindings =
      scenario.regionsWithFindings === 'first-sweep'
        ? scenario.regions
        : Array.from({ length: scenario.regions }, () => random() < 0.01).filter(Boolean).length;
    // Each region's findings are published as it finishes; the summary at the end.
    for (let r = 0; r < withFindings; r += 1)
      arrivals.push(start + (duration * (r + 1)) / (withFindings + 1));
    arrivals.push(start + duration);
  }
  const perSecond = new Map<number, number>();
  const perMinute = new Map<number, number>();
  for (const t of arrivals) {
    perSecond.set(Math.floor(t), (perSecond.get(Math.floor(t)) ?? 0) + 1);
    perMinute.set(Math.floor(t / 60), (perMinute.get(Math.floor(t / 60)) ?? 0) + 1);
  }
  const edges = spans.flatMap(([a, b]) => [
    [a, 1],
    [b, -1],
  ]) as [number, number][];
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let running = 0;
  let peakConcurrentSweeps = 0;
  for (const [, d] of edges) {
    running += d;
    peakConcurrentSweeps = Math.max(peakConcurrentSweeps, running);
  }
  return {
    strategy: strategy.name,
    messages: arrivals.length,
    peakPerSecond: Math.max(...perSecond.values()),
    peakPerMinute: Math.max(...perMinute.values()),
    peakConcurrentSweeps,
    emailWaitSeconds: worstWait(arrivals, 10),
    chatWaitSeconds: worstWait(arrivals, 1),
    costPerAccountMonth: strategy.costPerAccountMonth,
  };
}

export function renderTable(outcomes: readonly Outcome[]): string {
  const rows = outcomes.map(
    (o) =>
      `| ${o.strategy} | ${o.messages} | ${o.peakPerSecond} | ${o.peakPerMinute} | ${o.peakConcurrentSweeps} | ${o.emailWaitSeconds} | ${o.chatWaitSeconds} | ${o.costPerAccountMonth.toFixed(4)} |`,
  );
  return [
    '| schedule | messages | peak /s | peak /min | sweeps at once | worst email wait (s) | worst Slack wait (s) | USD/account/month |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

function main(args: string[]): void {
  const option = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const base = {
    accounts: option('--accounts', 1000),
    regions: option('--regions', 17),
    seed: option('--seed', 7),
  };
  for (const regionsWithFindings of ['steady', 'first-sweep'] as const) {
    const scenario: Scenario = { ...base, regionsWithFindings };
    process.stdout.write(
      `\n${scenario.accounts} accounts x ${scenario.regions} regions, one sweep period (6 h), ${
        regionsWithFindings === 'steady'
          ? 'steady state (a summary per account, findings in 1% of regions)'
          : 'first sweep after rollout (findings in every region)'
      }, seed ${scenario.seed}\n\n`,
    );
    process.stdout.write(`${renderTable(STRATEGIES.map((s) => simulate(s, scenario)))}\n`);
  }
  process.stdout.write(`\n${STRATEGIES.map((s) => `- ${s.name}: ${s.how}`).join('\n')}\n`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  main(process.argv.slice(2));
}
