// The organisation scan must judge every rule exactly as the deployed guard does: same policy, same
// pipeline. Each account is also swept by the guard itself (its sweep, in its default revoke mode,
// with the account's own EC2 ports), and the verdicts compared rule by rule.
import type { SecurityGroupRule } from '@aws-sdk/client-ec2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanOrganisation } from '../../../functions/cli/org/scan-organisation.js';
import { loadConfig } from '../../../functions/config/config.js';
import type { Finding } from '../../../functions/core/findings/finding.js';
import { runSweep } from '../../../functions/pipeline/run-sweep.js';
import { InMemoryOrganisation, type MemberAccount } from '../../support/in-memory-org.js';

const ENV = {
  TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings',
  TRUSTED_CIDRS: '3.5.140.0/22',
  EXEMPTIONS: JSON.stringify([
    {
      groupId: 'sg-000000000000000a1',
      reason: 'bastion, ticket SEC-1',
      expires: '2027-06-30',
      approvedBy: 'sec@example.com',
    },
  ]),
};
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];
const GROUPS = ['sg-000000000000000a1', 'sg-000000000000000b2', 'sg-000000000000000c3'];
const SOURCES: Partial<SecurityGroupRule>[] = [
  { CidrIpv4: '0.0.0.0/0' },
  { CidrIpv6: '::/0' },
  { CidrIpv4: '10.0.0.0/8' },
  { CidrIpv4: '52.94.76.10/32' },
  { CidrIpv4: '3.5.140.7/32' },
  { CidrIpv4: '44.0.0.0/9' },
  { CidrIpv4: '44.128.0.0/9' },
  { CidrIpv4: '128.0.0.0/1' },
  { CidrIpv6: '2600:1f00::/24' },
  { PrefixListId: 'pl-0123456789abcdef0' },
  { ReferencedGroupInfo: { GroupId: 'sg-0b0b0b0b0b0b0b0b0' } },
];
const PROTOCOLS: [string, number, number][] = [
  ['tcp', 22, 22],
  ['tcp', 0, 65535],
  ['tcp', 80, 443],
  ['6', 20, 30],
  ['-1', -1, -1],
  ['udp', 22, 22],
];

const ruleShape = fc.record({
  group: fc.constantFrom(...GROUPS),
  source: fc.constantFrom(...SOURCES),
  protocol: fc.constantFrom(...PROTOCOLS),
  egress: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});

const memberShape = fc.record({
  regions: fc.subarray(REGIONS, { minLength: 1 }),
  rules: fc.array(ruleShape, { maxLength: 25 }),
});

type MemberShape = typeof memberShape extends fc.Arbitrary<infer T> ? T : never;

function toMember(index: number, shape: MemberShape): MemberAccount {
  const id = String(210000000000 + index);
  const regions = Object.fromEntries(
    shape.regions.map((region, r) => [
      region,
      shape.rules.map(
        ({ group, source, protocol: [IpProtocol, FromPort, ToPort], egress }, i): SecurityGroupRule => ({
          SecurityGroupRuleId: `sgr-${(index * 1000 + r * 100 + i).toString(16).padStart(17, '0')}`,
          GroupId: group,
          GroupOwnerId: id,
          IsEgress: egress,
          IpProtocol,
          FromPort,
          ToPort,
          ...source,
        }),
      ),
    ]),
  );
  return { id, regions, prefixLists: { 'pl-0123456789abcdef0': ['10.0.0.0/8', '0.0.0.0/0'] } };
}

/** One account that holds every kind of answer: world-open, exempted, review, aggregate. */
const EVERY_KIND: MemberShape = {
  regions: ['eu-west-1', 'us-east-1'],
  rules: [
    {
      group: GROUPS[0] as string,
      source: { CidrIpv4: '0.0.0.0/0' },
      protocol: ['tcp', 22, 22],
      egress: false,
    },
    {
      group: GROUPS[1] as string,
      source: { CidrIpv4: '0.0.0.0/0' },
      protocol: ['tcp', 22, 22],
      egress: false,
    },
    {
      group: GROUPS[1] as string,
      source: { CidrIpv4: '52.94.76.10/32' },
      protocol: ['tcp', 22, 22],
      egress: false,
    },
    {
      group: GROUPS[2] as string,
      source: { CidrIpv4: '44.0.0.0/9' },
      protocol: ['tcp', 22, 22],
      egress: false,
    },
    {
      group: GROUPS[2] as string,
      source: { CidrIpv4: '44.128.0.0/9' },
      protocol: ['tcp', 22, 22],
      egress: false,
    },
  ],
};

/** What a finding decides about a rule; the action as the guard in revoke mode names it. */
const verdictOf = (f: Finding) => ({
  region: f.region,
  rule: f.resource.ruleId,
  checkId: f.checkId,
  severity: f.severity,
  action: f.action.type === 'would-revoke' ? 'revoked' : f.action.type,
});
const sorted = (findings: readonly Finding[]) =>
  findings
    .filter((f) => f.resource.type === 'security-group-rule')
    .map(verdictOf)
    .sort((a, b) => `${a.region}${a.rule}${a.checkId}`.localeCompare(`${b.region}${b.rule}${b.checkId}`));

describe('the organisation scan and the guard', () => {
  it('judge every rule of every account and region identically', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(memberShape, { minLength: 1, maxLength: 4 }), async (shapes) => {
        const members = shapes.map((shape, i) => toMember(i, shape));
        const org = new InMemoryOrganisation(members);
        const config = loadConfig(ENV);
        const scan = await scanOrganisation(
          {
            role: { name: 'ssh-ingress-guard-scan', sessionName: 'scan' },
            accounts: { exclude: [] },
            homeRegion: 'eu-west-1',
            accountConcurrency: 2,
            scanId: 'scan',
          },
          config,
          org.deps,
        );
        for (const member of members) {
          const account = scan.accounts.find((a) => a.account.id === member.id);
          if (account?.status !== 'scanned') throw new Error(`${member.id} not scanned`);
          const keys = { accessKeyId: `ASIA${member.id}`, secretAccessKey: 's', sessionToken: 't' };
          const guard = await runSweep(
            {
              kind: 'schedule',
              eventName: 'Scheduled Event',
              eventId: 'sweep',
              eventTime: '2026-12-03T12:00:00Z',
              account: member.id,
              region: 'eu-west-1',
            },
            config,
            {
              ...org.deps.ec2ForAccount(member.id, async () => keys),
              publisher: { publish: async () => {} },
              now: org.now,
            },
            { publish: false },
          );
          expect(config.mode).toBe('revoke');
          expect(sorted(account.sweep.findings)).toEqual(sorted(guard.findings));
          for (const v of sorted(guard.findings)) seen.add(`${v.checkId}/${v.action}`);
          expect(account.sweep.totals.violations).toBe(guard.totals.violations);
        }
      }),
      { numRuns: 40, examples: [[[EVERY_KIND]]] },
    );
    // The generated organisations exercised every kind of answer, so agreement means something.
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'ssh-world-open/revoked',
        'ssh-world-open/exempted',
        'ssh-public-source/review',
        'ssh-aggregate-world-open/revoked',
      ]),
    );
  });
});
