import { startFakeAws } from '../../test/support/fake-aws/index.js';
import { GuardProcess } from '../../test/support/guard-process.js';
import { authorizeEvent, type RuleAt, seedRule } from '../../test/support/rule-events.js';
import { type Spread, spreadOf } from './stats.js';

export interface WarmLatency {
  readonly iterations: number;
  /** tcp/22 from 0.0.0.0/0 with its rule set: one revoke and one publish on the loopback endpoint. */
  readonly violating: Spread;
  /** tcp/22 from 10.0.0.0/8 with its rule set: no AWS call at all. */
  readonly compliant: Spread;
}

const WORLD: RuleAt = { groupId: 'sg-0be0c0be0c0be0c01', ruleId: 'sgr-0be0c0be0c0be0c01' };
const PRIVATE: RuleAt = { ...WORLD, cidr: '10.0.0.0/8' };

/**
 * Handler time (`await handler(event)` inside one warm container) against a zero-latency loopback
 * endpoint. Each violating run starts from a fresh account holding the rule, so every run revokes.
 */
export async function measureWarmLatency(
  bundle: string,
  iterations = 1000,
  warmup = 100,
): Promise<WarmLatency> {
  const fake = await startFakeAws();
  const guard = await GuardProcess.start(bundle, { ...fake.env(), POWERTOOLS_LOG_LEVEL: 'SILENT' });
  try {
    const timeRuns = async (rule: RuleAt, expectCalls: number): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < warmup + iterations; i++) {
        fake.reset();
        seedRule(fake, rule);
        const invocation = await guard.invoke(authorizeEvent(`ev-bench-${i}`, rule));
        if (!invocation.ok || fake.calls.length !== expectCalls) {
          throw new Error(
            `bench run ${i} went wrong: ${JSON.stringify(invocation)}, ${fake.calls.length} calls`,
          );
        }
        if (i >= warmup) times.push(invocation.ms);
      }
      return times;
    };
    const violating = spreadOf(await timeRuns(WORLD, 2));
    const compliant = spreadOf(await timeRuns(PRIVATE, 0));
    return { iterations, violating, compliant };
  } finally {
    await guard.close();
    await fake.close();
  }
}
