import { describe, expect, it } from 'vitest';
import type { EventCalls } from '../../scripts/bench/aws-calls.js';
import { type Figures, renderReport } from '../../scripts/bench/report.js';
import { spreadOf } from '../../scripts/bench/stats.js';
import { parseBenchArgs } from '../../scripts/bench.js';
import { CALL_BUDGETS } from '../support/minimal-calls.js';

describe('npm run bench prints; only --write rewrites BENCHMARKS.md', () => {
  it.each<[string[], 'write' | 'print']>([
    [[], 'print'],
    [['--write'], 'write'],
  ])('%j -> %s', (argv, expected) => {
    expect(parseBenchArgs(argv)).toBe(expected);
  });

  it('refuses an argument it does not know rather than ignoring it', () => {
    expect(() => parseBenchArgs(['--wirte'])).toThrow('bench: unknown argument --wirte (only --write)');
  });
});

const spread = spreadOf([1, 2, 3]);
const callsOf = (file: string, calls: Record<string, number>): EventCalls => ({
  file,
  trigger: 't',
  fn: 'guard',
  outcome: 'handled',
  calls,
  ...(CALL_BUDGETS[file] ? { budget: CALL_BUDGETS[file] } : {}),
});

function reportWith(calls: EventCalls[]): string {
  const figures: Figures = {
    machine: { cpu: 'cpu', nproc: 2, memoryGiB: 4, node: 'v20', os: 'linux', date: 'today', loadAverage: 1 },
    bundles: [
      { name: 'guard', zipPath: 'functions/handlers/guard.js', bytes: 900_000, deflatedBytes: 250_000 },
    ],
    buildMs: 1,
    coldImport: { guard: { importMs: spread, importCpuMs: spread, processMs: spread, emptyProcessMs: 1 } },
    warm: { iterations: 3, violating: spread, compliant: spread },
    calls,
    evaluator: { rules: 1, mix: {}, rounds: 1, wallMs: 1, cpuMs: 1, rulesPerSecond: 1 },
    sweep: { rows: [] },
    benchSeconds: 1,
    loadAverageAtEnd: 1,
  };
  return renderReport(figures);
}

describe('the benchmark report explains every deviation from the minimum calls', () => {
  it('names each event over its minimum with the reason the guard pays for the extra call', () => {
    const report = reportWith([
      callsOf('authorize-world-ipv4-ssh.json', { RevokeSecurityGroupIngress: 1, Publish: 1 }),
      callsOf('modify-rule-private.json', { DescribeSecurityGroupRules: 1 }),
      callsOf('schedule-sweep.json', {
        DescribeRegions: 1,
        DescribeSecurityGroupRules: 3,
        RevokeSecurityGroupIngress: 1,
        Publish: 2,
      }),
    ]);
    expect(report).toContain(
      'met but for 2 deliberate extra call(s), see [Known deviations](#known-deviations)',
    );
    expect(report).toContain(
      `- **modify-rule-private.json** (+1 call): ${CALL_BUDGETS['modify-rule-private.json']?.why}.`,
    );
    expect(report).toContain(
      `- **schedule-sweep.json** (+1 call): ${CALL_BUDGETS['schedule-sweep.json']?.why}.`,
    );
  });

  it('says none when every event is at its minimum', () => {
    const report = reportWith([callsOf('authorize-private-cidr.json', {})]);
    expect(report).toContain('None: every sample event makes exactly its minimum calls.');
  });

  it('cites only what is in the repository', () => {
    expect(reportWith([])).not.toMatch(/SPEC|§/);
  });
});
