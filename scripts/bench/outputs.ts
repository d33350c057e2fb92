import { type FakeAws, startFakeAws } from '../../test/support/fake-aws/index.js';
import { GuardProcess } from '../../test/support/guard-process.js';
import { authorizeEvent, type RuleAt, seedRule } from '../../test/support/rule-events.js';
import { ms, type Spread, spreadOf } from './stats.js';

/**
 * What each findings output costs a violating event: AWS calls and warm handler time of the guard
 * bundle against the zero-latency loopback endpoint, today's two calls (revoke, publish) beside
 * each output switched on alone and all of them together. Runs are interleaved across the
 * containers, so machine noise weighs on every row alike.
 */
const HUB_TOPIC = 'arn:aws:sns:us-east-1:999999999999:ssh-ingress-guard-hub-findings';
const HUB_BUS = 'arn:aws:events:us-east-1:999999999999:event-bus/ssh-ingress-guard-hub';
const WORLD: RuleAt = { groupId: 'sg-0be0c0be0c0be0c02', ruleId: 'sgr-0be0c0be0c0be0c02' };

export const OUTPUT_ROWS: readonly { name: string; env: Record<string, string> }[] = [
  { name: 'today: local topic only', env: {} },
  { name: '+ hub topic', env: { CENTRAL_TOPIC_ARN: HUB_TOPIC } },
  { name: '+ hub bus', env: { CENTRAL_BUS_ARN: HUB_BUS } },
  { name: '+ own default bus', env: { FINDINGS_EVENT_BUS: 'default' } },
  { name: '+ Security Hub', env: { SECURITY_HUB_IMPORT: 'true' } },
  {
    name: 'every output',
    env: {
      CENTRAL_TOPIC_ARN: HUB_TOPIC,
      CENTRAL_BUS_ARN: HUB_BUS,
      FINDINGS_EVENT_BUS: 'default',
      SECURITY_HUB_IMPORT: 'true',
    },
  },
];

export interface OutputRow {
  readonly name: string;
  readonly calls: Readonly<Record<string, number>>;
  readonly totalCalls: number;
  readonly latency: Spread;
}

const countCalls = (fake: FakeAws) => {
  const counts: Record<string, number> = {};
  for (const c of fake.calls) counts[c.action] = (counts[c.action] ?? 0) + 1;
  return counts;
};

export async function measureOutputs(bundle: string, iterations = 300, warmup = 50): Promise<OutputRow[]> {
  const fake = await startFakeAws();
  const containers = await Promise.all(
    OUTPUT_ROWS.map((row) =>
      GuardProcess.start(bundle, { ...fake.env(), POWERTOOLS_LOG_LEVEL: 'SILENT', ...row.env }),
    ),
  );
  try {
    const times = OUTPUT_ROWS.map(() => [] as number[]);
    const calls: Record<string, number>[] = OUTPUT_ROWS.map(() => ({}));
    for (let i = 0; i < warmup + iterations; i++) {
      for (const [k, guard] of containers.entries()) {
        fake.reset();
        seedRule(fake, WORLD);
        const invocation = await guard.invoke(authorizeEvent(`ev-bench-outputs-${k}-${i}`, WORLD));
        if (!invocation.ok)
          throw new Error(`bench run ${i} of ${OUTPUT_ROWS[k]?.name}: ${JSON.stringify(invocation)}`);
        if (i >= warmup) (times[k] as number[]).push(invocation.ms);
        calls[k] = countCalls(fake);
      }
    }
    return OUTPUT_ROWS.map((row, k) => ({
      name: row.name,
      calls: calls[k] as Record<string, number>,
      totalCalls: Object.values(calls[k] as Record<string, number>).reduce((a, b) => a + b, 0),
      latency: spreadOf(times[k] as number[]),
    }));
  } finally {
    await Promise.all(containers.map((c) => c.close()));
    await fake.close();
  }
}

export function renderOutputsSection(rows: readonly OutputRow[]): string {
  const base = rows[0]?.latency.p50 ?? Number.NaN;
  return [
    '## Findings outputs',
    '',
    'A violating event (tcp/22 from 0.0.0.0/0 with its rule set) through the guard bundle with the',
    'findings outputs of infra/hub.yml and the member parameters switched on, on the zero-latency',
    'loopback endpoint (scripts/bench/outputs.ts). The outputs are called together after the local',
    'publish, so their latency overlaps; on AWS each adds about one round trip to its service.',
    '',
    '| outputs | AWS calls | calls by action | n | p50 ms | p99 ms | p50 vs today |',
    '|---|---:|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.totalCalls} | ${Object.entries(r.calls)
          .map(([a, n]) => `${a} ${n}`)
          .join(
            ', ',
          )} | ${r.latency.n} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} | ${(r.latency.p50 / base).toFixed(2)}x |`,
    ),
    '',
  ].join('\n');
}
