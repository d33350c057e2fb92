import { callsTable, callsVerdict, type EventCalls, excessOf } from './aws-calls.js';
import type { ColdImport } from './cold-import.js';
import type { EvaluatorThroughput } from './evaluator.js';
import { type HostJoinRow, hostJoinTable } from './host-posture.js';
import type { Machine } from './machine.js';
import type { RepeatFigures } from './repeat-counter.js';
import { ms, type Spread } from './stats.js';
import type { SweepFigures } from './sweep.js';
import type { WarmLatency } from './warm-latency.js';

export interface Figures {
  readonly machine: Machine;
  /** One per serverless.yml function. */
  readonly bundles: readonly { name: string; zipPath: string; bytes: number; deflatedBytes: number }[];
  readonly buildMs: number;
  /** By function name. */
  readonly coldImport: Record<string, ColdImport>;
  readonly warm: WarmLatency;
  readonly calls: readonly EventCalls[];
  /** Host posture: the extra reads that join security group findings with their hosts. */
  readonly hostJoin?: readonly HostJoinRow[];
  readonly evaluator: EvaluatorThroughput;
  readonly sweep: SweepFigures;
  readonly repeat?: RepeatFigures;
  readonly benchSeconds: number;
  readonly loadAverageAtEnd: number;
}

/** The targets; for calls, the minimum worked out per sample in test/support/minimal-calls.ts. */
export const TARGETS = { bundleBytes: 1_000_000, coldImportMs: 150, warmViolatingP50Ms: 20 } as const;

const mark = (ok: boolean) => (ok ? 'met' : '**missed**');
const bytes = (n: number) => `${n.toLocaleString('en-US')} B (${(n / 1024).toFixed(1)} KiB)`;
const spreadRow = (label: string, s: Spread) =>
  `| ${label} | ${s.n} | ${ms(s.min)} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} |`;
function summary(f: Figures): string[] {
  const calls = callsVerdict(f.calls);
  const deviations = calls.off.map((c) => `${c.file} ${signed(excessOf(c))}`).join('; ');
  const deviationCount = calls.off.length;
  const explained = calls.off.every((c) => c.budget?.why && c.budget.measured);
  return [
    '| figure | target | measured | |',
    '|---|---|---|---|',
    ...f.bundles.map(
      (b) =>
        `| bundle size, ${b.name} (${b.zipPath}) | ≤ 1 MB (1,000,000 B) | ${bytes(b.bytes)} | ${mark(b.bytes <= TARGETS.bundleBytes)} |`,
    ),
    ...Object.entries(f.coldImport).map(
      ([name, c]) =>
        `| cold import of ${name}, median of ${c.importMs.n} fresh processes | ≤ ${TARGETS.coldImportMs} ms | ${ms(c.importMs.p50)} ms wall (${ms(c.importCpuMs.p50)} ms CPU) | ${mark(c.importMs.p50 <= TARGETS.coldImportMs)} |`,
    ),
    `| warm violating event, p50 (zero-latency endpoint) | ≤ ${TARGETS.warmViolatingP50Ms} ms | ${ms(f.warm.violating.p50)} ms (p99 ${ms(f.warm.violating.p99)} ms) | ${mark(f.warm.violating.p50 <= TARGETS.warmViolatingP50Ms)} |`,
    `| AWS calls per event | the minimum for its sample | ${calls.atMinimum} of ${calls.budgeted} sample events at the minimum${deviations ? `; off: ${deviations}` : ''} | ${deviationCount === 0 ? 'met' : explained ? `met but for ${deviationCount} deliberate extra call(s), see [Known deviations](#known-deviations)` : '**missed**: an unexplained deviation'} |`,
  ];
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${n}`;

/** Each event that knowingly makes more calls than the minimum, and why the guard pays for it. */
function knownDeviations(f: Figures): string[] {
  const { off } = callsVerdict(f.calls);
  if (off.length === 0) return ['None: every sample event makes exactly its minimum calls.'];
  return off.map(
    (c) =>
      `- **${c.file}** (${signed(excessOf(c))} call): ${c.budget?.why ?? 'unexplained: a test fails until it is recorded'}.`,
  );
}

export function renderReport(f: Figures): string {
  const m = f.machine;
  const e = f.evaluator;
  return [
    '# Benchmarks',
    '',
    `Figures written by \`npm run bench\` (scripts/bench.ts, ${f.benchSeconds.toFixed(0)} s) on the machine below.`,
    '`npm run bench` prints these figures; `npm run bench -- --write` also rewrites this file. The bundles measured are the ones `osls package`',
    'deploys (built from serverless.yml; test/wire/bundle.test.ts proves them byte-identical to the zips).',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${m.cpu} |`,
    `| nproc | ${m.nproc} |`,
    `| memory | ${m.memoryGiB} GiB |`,
    `| Node.js | ${m.node} (Lambda runs nodejs22.x on arm64: expect different absolute figures there) |`,
    `| OS | ${m.os} |`,
    `| date | ${m.date} |`,
    `| load average (1 min) at start / end | ${m.loadAverage} / ${f.loadAverageAtEnd} |`,
    '',
    '## Against the targets',
    '',
    ...summary(f),
    '',
    '## Bundles',
    '',
    ...f.bundles.map(
      (b) =>
        `- ${b.name}: ${b.zipPath} ${bytes(b.bytes)}; deflated (about what its zip weighs): ${bytes(b.deflatedBytes)}.`,
    ),
    `- All ${f.bundles.length} built in ${ms(f.buildMs)} ms (esbuild, minified ESM, everything bundled including the AWS SDK).`,
    '',
    '## Cold import',
    '',
    'Time of `await import(bundle)` inside a fresh `node` process: module evaluation plus the cold-start',
    'code (configuration, SDK clients). One process at a time, the bundles taking turns. CPU time can exceed wall time:',
    'V8 compiles and collects garbage on helper threads.',
    '',
    '| figure | n | min | p50 | p90 | p99 | max |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(f.coldImport).flatMap(([name, c]) => [
      spreadRow(`${name}: import, wall (ms)`, c.importMs),
      spreadRow(`${name}: import, CPU (ms)`, c.importCpuMs),
      spreadRow(`${name}: whole process, spawn to exit (ms)`, c.processMs),
    ]),
    '',
    `An empty \`node -e ''\` process takes ${ms(Object.values(f.coldImport)[0]?.emptyProcessMs ?? Number.NaN)} ms (median) on this machine.`,
    '',
    '## Warm handler latency',
    '',
    `\`await handler(event)\` in one warm container against the loopback endpoint (no network latency),`,
    `${f.warm.iterations} runs each after warm-up. The violating event (tcp/22 from 0.0.0.0/0 with its rule`,
    'set) makes one RevokeSecurityGroupIngress and one Publish; the compliant one (10.0.0.0/8) makes no call.',
    '',
    '| event | n | min | p50 | p90 | p99 | max |',
    '|---|---|---|---|---|---|---|',
    spreadRow('violating (ms)', f.warm.violating),
    spreadRow('compliant (ms)', f.warm.compliant),
    '',
    '## AWS calls per event type',
    '',
    'Each sample event in events/, delivered to the function whose EventBridge pattern matches it, against',
    'a fresh loopback account seeded so that its rules, groups and clusters exist.',
    'The minimum is worked out per sample in test/support/minimal-calls.ts from the rules the guard keeps',
    '(a complete rule set needs no read, a compliant event makes no call, a violating one makes one revoke',
    'per group and one publish, a Describe only for what the payload lacks); test/wire/end-to-end.test.ts',
    'holds the bundle to it (or to the recorded deviation), so this table cannot silently drift.',
    '',
    ...callsTable(f.calls),
    '',
    '### Known deviations',
    '',
    ...knownDeviations(f),
    '',
    ...(f.hostJoin
      ? [
          '## Host posture: calls of the host join',
          '',
          'The guard bundle with host posture off and on (HOST_POSTURE), warm, on security group events with',
          'instances behind the group (half of them accepting passwords, one in five never assessed). With it',
          'on, a finding costs one DescribeInstances page (at most 10 instances) and their compliance items',
          '(50 a page); a compliant event costs nothing more. Calls per event; latency median of 15 rounds.',
          '',
          ...hostJoinTable(f.hostJoin),
          '',
        ]
      : []),
    '## Evaluator throughput',
    '',
    `evaluateRules over ${e.rules.toLocaleString('en-US')} synthetic rules (the oracle's arbitraries, fixed seed; sources: ${Object.entries(
      e.mix,
    )
      .map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`)
      .join(', ')}), with trusted CIDRs and prefix lists; median of ${e.rounds} rounds after a warm-up.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| rules per second | ${e.rulesPerSecond.toLocaleString('en-US')} |`,
    `| wall time per ${e.rules.toLocaleString('en-US')} rules | ${ms(e.wallMs)} ms |`,
    `| CPU time per ${e.rules.toLocaleString('en-US')} rules | ${ms(e.cpuMs)} ms |`,
    '',
    '## Sweep',
    '',
    "From scripts/bench-sweep.ts (the sweep's own benchmark), run by `npm run bench`.",
    '',
    '| figure | value |',
    '|---|---|',
    ...f.sweep.rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    ...(f.repeat
      ? [
          '## Repeat counter',
          '',
          'From scripts/bench/repeat-counter.ts: what counting re-openings costs per event.',
          '',
          '| figure | value |',
          '|---|---|',
          ...f.repeat.rows.map(([k, v]) => `| ${k} | ${v} |`),
          '',
        ]
      : []),
  ].join('\n');
}
