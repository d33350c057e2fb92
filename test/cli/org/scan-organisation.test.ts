import { describe, expect, it } from 'vitest';
import {
  type AccountScan,
  type OrgScanRequest,
  scanOrganisation,
} from '../../../functions/cli/org/scan-organisation.js';
import { loadPolicySettings } from '../../../functions/config/config.js';
import { InMemoryOrganisation, type MemberAccount, rulesOf } from '../../support/in-memory-org.js';

const settings = (env: Record<string, string> = {}) => loadPolicySettings(env);
const request = (overrides: Partial<OrgScanRequest> = {}): OrgScanRequest => ({
  role: { name: 'ssh-ingress-guard-scan', sessionName: 'ssh-ingress-guard-scan' },
  accounts: { exclude: [] },
  homeRegion: 'eu-west-1',
  accountConcurrency: 4,
  scanId: 'scan-1',
  ...overrides,
});

const PAYMENTS = '111111111111';
const NO_ROLE = '222222222222';
const THROTTLED = '333333333333';
const LARGE = '444444444444';
const SUSPENDED = '555555555555';

/** Several accounts and regions: one fine, one without the role, one throttled, one with 10,000 rules. */
function organisation(): InMemoryOrganisation {
  const members: MemberAccount[] = [
    {
      id: PAYMENTS,
      name: 'payments',
      regions: {
        'eu-west-1': rulesOf(PAYMENTS, 'eu-west-1', 6, 2),
        'us-east-1': rulesOf(PAYMENTS, 'us-east-1', 3),
      },
    },
    { id: NO_ROLE, name: 'sandbox', roles: [], regions: { 'eu-west-1': rulesOf(NO_ROLE, 'eu-west-1', 3) } },
    {
      id: THROTTLED,
      name: 'data',
      regions: {
        'eu-west-1': rulesOf(THROTTLED, 'eu-west-1', 3),
        'us-east-1': rulesOf(THROTTLED, 'us-east-1', 3),
      },
      ec2Failure: { code: 'RequestLimitExceeded', regions: ['us-east-1'] },
    },
    {
      id: LARGE,
      name: 'platform',
      regions: {
        'eu-west-1': rulesOf(LARGE, 'eu-west-1', 10_000, 50),
        'ap-southeast-2': rulesOf(LARGE, 'ap-southeast-2', 1),
      },
    },
    { id: SUSPENDED, name: 'closed', state: 'SUSPENDED', regions: { 'eu-west-1': [] } },
  ];
  return new InMemoryOrganisation(members);
}

const byId = (accounts: readonly AccountScan[]) => new Map(accounts.map((a) => [a.account.id, a]));
const scanned = (scan: AccountScan | undefined) => {
  if (scan?.status !== 'scanned') throw new Error(`expected a scanned account, got ${scan?.status}`);
  return scan;
};

describe('the organisation scan', () => {
  it('answers for every account of the organisation: scanned, unreachable with the reason, or not scanned and why', async () => {
    const org = organisation();
    const result = await scanOrganisation(request(), settings(), org.deps);
    const accounts = byId(result.accounts);
    expect([...accounts.keys()]).toEqual([PAYMENTS, NO_ROLE, THROTTLED, LARGE, SUSPENDED]);
    expect(accounts.get(NO_ROLE)).toMatchObject({
      status: 'unreachable',
      error: { code: 'AccessDenied', message: expect.stringContaining('sts:AssumeRole') },
      apiCalls: 1,
    });
    expect(accounts.get(SUSPENDED)).toEqual(
      expect.objectContaining({ status: 'skipped', reason: 'not active (SUSPENDED)' }),
    );
    expect(org.callsOf(SUSPENDED)).toEqual([]);
  });

  it('reads every enabled region of each account in report mode and finds what the rules hold', async () => {
    const org = organisation();
    const accounts = byId((await scanOrganisation(request(), settings(), org.deps)).accounts);
    const payments = scanned(accounts.get(PAYMENTS));
    expect(payments.sweep.regions.map((r) => [r.region, r.status, r.rules, r.violations])).toEqual([
      ['eu-west-1', 'swept', 6, 2],
      ['us-east-1', 'swept', 3, 1],
    ]);
    expect(new Set(payments.sweep.findings.map((f) => f.action.type))).toEqual(
      new Set(['would-revoke', 'review']),
    );
    expect(payments.sweep.findings.every((f) => f.account === PAYMENTS)).toBe(true);
    const large = scanned(accounts.get(LARGE));
    expect(large.sweep.totals.rules).toBe(10_001);
    expect(large.sweep.totals.violations).toBe(51);
  });

  it("keeps a throttled region that did not recover visible as unread, and reads the account's other regions", async () => {
    const org = organisation();
    const throttled = scanned(
      byId((await scanOrganisation(request(), settings(), org.deps)).accounts).get(THROTTLED),
    );
    expect(throttled.sweep.regions.map((r) => [r.region, r.status, r.error?.code])).toEqual([
      ['eu-west-1', 'swept', undefined],
      ['us-east-1', 'failed', 'RequestLimitExceeded'],
    ]);
    expect(throttled.sweep.findings.some((f) => f.checkId === 'sweep-region-failed')).toBe(true);
  });

  it("makes, per account, exactly the sweep's page minimum plus one AssumeRole, and says so", async () => {
    const org = organisation();
    const accounts = byId((await scanOrganisation(request(), settings(), org.deps)).accounts);
    // DescribeRegions, then one DescribeSecurityGroupRules page per 1,000 rules (at least one) per region.
    const minimum: Record<string, number> = {
      [PAYMENTS]: 1 + 1 + 1 + 1,
      [THROTTLED]: 1 + 1 + 1 + 1,
      [LARGE]: 1 + 1 + 10 + 1,
      [NO_ROLE]: 1,
    };
    for (const [account, calls] of Object.entries(minimum)) {
      expect(org.callsOf(account), account).toHaveLength(calls);
      expect(org.callsOf(account, 'sts'), account).toHaveLength(1);
      expect(
        accounts.get(account)?.status === 'skipped'
          ? 0
          : (accounts.get(account) as { apiCalls: number }).apiCalls,
      ).toBe(calls);
    }
    expect(org.calls.filter((c) => c.service === 'organizations')).toHaveLength(1);
  });

  it('narrows to --accounts and --regions, lists excluded accounts, and names requested ids the organisation does not hold', async () => {
    const org = organisation();
    const result = await scanOrganisation(
      request({
        accounts: { only: [PAYMENTS, LARGE, '666666666666'], exclude: [LARGE] },
        regions: ['eu-west-1'],
      }),
      settings(),
      org.deps,
    );
    expect(result.accounts.map((a) => [a.account.id, a.status])).toEqual([
      [PAYMENTS, 'scanned'],
      [LARGE, 'skipped'],
      ['666666666666', 'unreachable'],
    ]);
    expect(byId(result.accounts).get('666666666666')).toMatchObject({ error: { code: 'NotInOrganization' } });
    // The regions are given: no DescribeRegions, one page in the one region.
    expect(org.callsOf(PAYMENTS).map((c) => c.action)).toEqual([
      'AssumeRoleCommand',
      'DescribeSecurityGroupRulesCommand',
    ]);
    expect(org.callsOf(LARGE)).toEqual([]);
  });

  it("keeps accounts and each account's regions within their concurrency bounds, and overlaps both", async () => {
    const members: MemberAccount[] = Array.from({ length: 6 }, (_, i) => {
      const id = String(100000000000 + i);
      const regions = Object.fromEntries(
        ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'].map((r) => [r, rulesOf(id, r, 2)]),
      );
      return { id, regions };
    });
    const org = new InMemoryOrganisation(members);
    org.ec2DelayMs = 5;
    await scanOrganisation(
      request({ accountConcurrency: 2 }),
      settings({ SWEEP_REGION_CONCURRENCY: '3' }),
      org.deps,
    );
    expect(org.maxInFlight.all).toBeGreaterThan(3);
    expect(org.maxInFlight.all).toBeLessThanOrEqual(2 * 3);
    for (const max of org.maxInFlight.byAccount.values()) expect(max).toBeLessThanOrEqual(3);
    expect(Math.max(...org.maxInFlight.byAccount.values())).toBe(3);
  });

  it("plans each finding's rule in every mode with the guard's planner", async () => {
    const org = organisation();
    const payments = scanned(
      byId((await scanOrganisation(request(), settings(), org.deps)).accounts).get(PAYMENTS),
    );
    const world = payments.sweep.findings.find((f) => f.action.type === 'would-revoke');
    const review = payments.sweep.findings.find((f) => f.action.type === 'review');
    expect(payments.previews.get(world?.findingId ?? '')?.map((p) => [p.mode, p.effect])).toEqual([
      ['revoke', 'change'],
      ['narrow', 'change'],
      ['replace-with-eic', 'change'],
      ['report', 'none'],
    ]);
    expect(payments.previews.get(review?.findingId ?? '')?.every((p) => p.effect === 'none')).toBe(true);
  });

  it("stops with the reason when the organisation's accounts cannot be listed", async () => {
    const org = organisation();
    const deps = {
      ...org.deps,
      organizations: {
        listAccounts: async () => {
          throw Object.assign(new Error("You don't have permissions to access this resource."), {
            name: 'AccessDeniedException',
          });
        },
      },
    };
    await expect(scanOrganisation(request(), settings(), deps)).rejects.toThrow(
      /cannot list the organisation's accounts \(AccessDeniedException: /,
    );
  });
});
