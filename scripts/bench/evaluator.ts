import fc from 'fast-check';
import type { Rule } from '../../functions/core/model/rule.js';
import type { PrefixListInfo } from '../../functions/core/policy/classify-source.js';
import { evaluateRules } from '../../functions/core/policy/evaluate.js';
import { fromDescribedRule } from '../../functions/parse/describe-rule.js';
import { arbRule, EIC_PREFIX_LIST_ID } from '../../test/oracle/arbitraries.js';
import { contextOf, policyOf } from '../../test/support/policy.js';
import { median } from './stats.js';

export interface EvaluatorThroughput {
  readonly rules: number;
  readonly mix: Readonly<Record<string, number>>;
  readonly rounds: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rulesPerSecond: number;
}

const LISTS: PrefixListInfo[] = [
  {
    id: EIC_PREFIX_LIST_ID,
    name: 'com.amazonaws.eu-west-1.ec2-instance-connect',
    ownerId: 'AWS',
    entries: [],
  },
  { id: 'pl-0a1b2c3d', ownerId: '123456789012', entries: ['0.0.0.0/0', '10.0.0.0/8'] },
  { id: 'pl-1b2c3d4e', ownerId: '123456789012', entries: ['10.0.0.0/8', '192.168.0.0/16'] },
  { id: 'pl-2c3d4e5f', ownerId: '123456789012', entries: ['52.94.76.0/22'] },
  { id: 'pl-3d4e5f6a', ownerId: '123456789012', entries: [] },
];

/** The oracle's arbitraries, fixed seed: world, private, public, trusted, prefix lists, group references. */
function syntheticRules(count: number): Rule[] {
  return fc.sample(arbRule, { numRuns: count, seed: 20261121 }).flatMap((raw) => {
    const rule = fromDescribedRule(raw);
    return rule ? [rule] : [];
  });
}

function mixOf(rules: readonly Rule[]): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const r of rules) mix[r.source.kind] = (mix[r.source.kind] ?? 0) + 1;
  return mix;
}

/** evaluateRules over `count` rules, `rounds` times after one warm-up; the median round is reported. */
export function measureEvaluator(count = 100_000, rounds = 5): EvaluatorThroughput {
  const rules = syntheticRules(count);
  const ctx = contextOf(policyOf({ trusted: ['3.120.0.0/16', '81.2.68.0/24'] }), LISTS);
  evaluateRules(rules, ctx);
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    evaluateRules(rules, ctx);
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const wallMs = median(walls);
  return {
    rules: rules.length,
    mix: mixOf(rules),
    rounds,
    wallMs,
    cpuMs: median(cpus),
    rulesPerSecond: Math.round(rules.length / (wallMs / 1000)),
  };
}
