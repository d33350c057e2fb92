import { describe, expect, it } from 'vitest';
import { runOrgScanBenchmark } from '../../scripts/bench-org-scan.js';

describe('the organisation scan benchmark (small, so the suite stays fast)', () => {
  it('makes exactly the calls it must: ListAccounts pages, and per account AssumeRole, DescribeRegions and the pages', async () => {
    const figures = await runOrgScanBenchmark({
      accounts: 21,
      regions: 2,
      rulesPerRegion: 1_500,
      latencyMs: 1,
    });
    expect(figures).toMatchObject({ accounts: 21, rulesJudged: 21 * 2 * 1_500, findings: 21 * 2 * (2 + 8) });
    expect(figures.apiCalls).toBe(figures.expectedApiCalls);
    expect(figures.countedApiCalls).toBe(figures.expectedApiCalls);
    expect(figures.callsByAction).toEqual({
      ListAccounts: 2,
      AssumeRole: 21,
      DescribeRegions: 21,
      DescribeSecurityGroupRules: 21 * 2 * 2,
    });
  }, 120_000);
});
