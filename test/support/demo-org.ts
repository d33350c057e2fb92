import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import { DEFAULT_SCAN_ROLE } from '../../functions/cli/org/org-args.js';
import { totalOrganisation } from '../../functions/cli/org/org-totals.js';
import { scanOrganisation } from '../../functions/cli/org/scan-organisation.js';
import { renderHtml } from '../../functions/cli/render-html.js';
import { loadPolicySettings } from '../../functions/config/config.js';
import { InMemoryOrganisation, type MemberAccount, rulesOf } from './in-memory-org.js';

/**
 * A small organisation that shows every kind of answer the organisation scan gives: world-open rules
 * (IPv4 and IPv6, a wide port range, all traffic), a group open through two adjacent /9s, a public
 * source for review, an exempted bastion, an account the scan role does not exist in, a region an
 * SCP denies, and a suspended account. Used by the HTML report tests and `npm run demo:org-report`.
 */
export const DEMO_EXEMPTIONS = JSON.stringify([
  {
    groupId: 'sg-0da7a000000000b45',
    reason: 'vendor bastion, ticket SEC-142',
    expires: '2027-03-31',
    approvedBy: 'secops@example.com',
  },
]);

const rule = (
  account: string,
  n: number,
  groupId: string,
  source: Partial<SecurityGroupRule>,
  ports: [string, number, number] = ['tcp', 22, 22],
  description?: string,
): SecurityGroupRule => ({
  SecurityGroupRuleId: `sgr-${account.slice(0, 4)}${n.toString(16).padStart(13, '0')}`,
  GroupId: groupId,
  GroupOwnerId: account,
  IsEgress: false,
  IpProtocol: ports[0],
  FromPort: ports[1],
  ToPort: ports[2],
  ...source,
  ...(description ? { Description: description } : {}),
});

export function demoMembers(): MemberAccount[] {
  const payments = '210987654321';
  const data = '310987654321';
  const legacy = '410987654321';
  const web = '510987654321';
  return [
    {
      id: payments,
      name: 'payments-prod',
      regions: {
        'eu-west-1': [
          rule(
            payments,
            1,
            'sg-0a1b2c3d4e5f6a001',
            { CidrIpv4: '0.0.0.0/0' },
            ['tcp', 22, 22],
            'temporary debug access',
          ),
          rule(payments, 2, 'sg-0a1b2c3d4e5f6a001', { CidrIpv6: '::/0' }),
          rule(
            payments,
            3,
            'sg-0a1b2c3d4e5f6a002',
            { CidrIpv4: '0.0.0.0/0' },
            ['tcp', 0, 65535],
            'all tcp, load test',
          ),
          rule(payments, 4, 'sg-0a1b2c3d4e5f6a002', { CidrIpv4: '10.20.0.0/16' }),
          ...rulesOf(payments, 'eu-west-1', 40, 8).slice(16),
        ],
        'us-east-1': [
          rule(
            payments,
            5,
            'sg-0a1b2c3d4e5f6a003',
            { CidrIpv4: '52.94.76.10/32' },
            ['tcp', 22, 22],
            'partner office',
          ),
        ],
      },
    },
    {
      id: data,
      name: 'data-lake',
      regions: {
        'eu-west-1': [
          rule(
            data,
            1,
            'sg-0da7a000000000b44',
            { CidrIpv4: '0.0.0.0/0' },
            ['-1', -1, -1],
            'ElasticMapReduce-master',
          ),
          rule(data, 2, 'sg-0da7a000000000b45', { CidrIpv4: '0.0.0.0/0' }, ['tcp', 22, 22], 'bastion'),
        ],
        'eu-central-1': [
          rule(
            data,
            3,
            'sg-0da7a000000000b46',
            { CidrIpv4: '44.0.0.0/9' },
            ['tcp', 22, 22],
            'vendor range A',
          ),
          rule(
            data,
            4,
            'sg-0da7a000000000b46',
            { CidrIpv4: '44.128.0.0/9' },
            ['tcp', 22, 22],
            'vendor range B',
          ),
        ],
        'us-west-2': [],
      },
      ec2Failure: { code: 'UnauthorizedOperation', regions: ['us-west-2'] },
    },
    {
      id: legacy,
      name: 'legacy-batch',
      regions: {
        'us-east-1': [
          rule(legacy, 1, 'sg-01e9ac00000000c01', { CidrIpv4: '0.0.0.0/0' }, ['tcp', 20, 25]),
          rule(legacy, 2, 'sg-01e9ac00000000c02', { CidrIpv4: '198.18.0.0/15' }),
        ],
      },
    },
    { id: web, name: 'marketing-web', regions: { 'eu-west-1': rulesOf(web, 'eu-west-1', 12, 4).slice(8) } },
    { id: '610987654321', name: 'sandbox', roles: [], regions: { 'eu-west-1': [] } },
    { id: '710987654321', name: 'closed-2024', state: 'SUSPENDED', regions: {} },
  ];
}

export const demoOrganisation = () => new InMemoryOrganisation(demoMembers());

/** The demo organisation scanned as `scan --org` would, and its HTML report. */
export async function demoReport(members: MemberAccount[] = demoMembers()) {
  const org = new InMemoryOrganisation(members);
  const settings = loadPolicySettings({ EXEMPTIONS: DEMO_EXEMPTIONS });
  const result = await scanOrganisation(
    {
      role: { name: DEFAULT_SCAN_ROLE, sessionName: 'ssh-ingress-guard-scan' },
      accounts: { exclude: [] },
      homeRegion: 'eu-west-1',
      accountConcurrency: 4,
      scanId: 'demo',
    },
    settings,
    org.deps,
  );
  const totals = totalOrganisation(result);
  const html = renderHtml(result, totals, {
    generatedAt: org.now().toISOString(),
    role: DEFAULT_SCAN_ROLE,
    watchedPorts: settings.policy.watchedPorts,
  });
  return { org, result, totals, html };
}
