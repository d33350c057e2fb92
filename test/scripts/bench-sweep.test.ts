import { describe, expect, it } from 'vitest';
import { runSweepBenchmark } from '../../scripts/bench-sweep.js';

describe('the sweep benchmark (small, so the suite stays fast)', () => {
  it('makes exactly the calls it must: DescribeRegions, the Describe pages, the prefix list reads, one revoke per violating group', async () => {
    const figures = await runSweepBenchmark({ groups: 300, regions: 2, latencyMs: 1 });
    expect(figures).toMatchObject({ groups: 300, rules: 3000, regions: 2, revoked: 6 });
    expect(figures.apiCalls).toBe(figures.expectedApiCalls);
    expect(figures.callsByAction).toEqual({
      DescribeRegionsCommand: 1,
      DescribeSecurityGroupRulesCommand: 4,
      DescribeManagedPrefixListsCommand: 2,
      GetManagedPrefixListEntriesCommand: 2,
      RevokeSecurityGroupIngressCommand: 6,
      SnsPublish: 3,
    });
  });
});
