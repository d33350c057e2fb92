import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../functions/config/config.js';
import type { CurrentRule } from '../../functions/core/model/rule.js';
import type { Trigger } from '../../functions/core/model/trigger.js';
import type { RemediationMode } from '../../functions/core/policy/policy-config.js';
import { fromDescribedRule } from '../../functions/parse/describe-rule.js';
import { runGuard } from '../../functions/pipeline/run-guard.js';
import {
  type ArbPolicy,
  type ArbRule,
  arbPolicy,
  arbRule,
  EIC_PREFIX_LIST_ID,
} from '../oracle/arbitraries.js';
import {
  type OraclePolicy,
  type OracleRule,
  oracleVerdict,
  parseAnyCidr,
  portRangeOf,
} from '../oracle/ssh-oracle.js';
import { parsePublished } from '../support/finding-schema.js';
import { InMemoryEc2, InMemoryPublisher } from '../support/in-memory-aws.js';
import { policyOf, REGION } from '../support/policy.js';

// After any remediating mode runs on any rule set, checked on a fake that applies the calls:
// no rule the (independent) oracle calls world-open remains, and under `narrow` every non-SSH
// (protocol, port) that was open to a source is still open to it.

const EIC6_ID = 'pl-0eic6000000000000';
const GROUPS = ['sg-0aaaaaaaaaaaaaaa1', 'sg-0bbbbbbbbbbbbbbb2', 'sg-0ccccccccccccccc3'];
const TRIGGER: Trigger = {
  kind: 'scan',
  eventName: 'scan',
  eventId: 'property',
  eventTime: '2026-11-21T10:00:00Z',
  account: '123456789012',
  region: REGION,
};

/** A managed prefix list holds one address family; the arbitraries mix them, AWS does not. */
function oneFamily(entries: string[]): string[] {
  const first = entries[0];
  if (!first) return [];
  const family = parseAnyCidr(first).family;
  return entries.filter((e) => parseAnyCidr(e).family === family);
}

const arbScenario = fc.record({
  rules: fc
    .uniqueArray(fc.tuple(arbRule, fc.constantFrom(...GROUPS)), {
      maxLength: 10,
      selector: ([r]) => r.SecurityGroupRuleId,
    })
    .map((pairs) => pairs.map(([r, GroupId]) => ({ ...r, GroupId }))),
  policy: arbPolicy.map(
    (p): ArbPolicy => ({
      ...p,
      eicPrefixListIds: [EIC_PREFIX_LIST_ID, EIC6_ID],
      prefixLists: Object.fromEntries(Object.entries(p.prefixLists).map(([id, e]) => [id, oneFamily(e)])),
    }),
  ),
  remediatePublic: fc.boolean(),
  eicInRegion: fc.constantFrom('both', 'ipv4-only', 'none'),
});

/** Generated rules are always well formed; one the parser refused would be a generator bug. */
function describedRule(raw: ArbRule): CurrentRule {
  const rule = fromDescribedRule(raw);
  if (!rule) throw new Error(`generated rule not understood: ${JSON.stringify(raw)}`);
  return rule;
}

function setUp(rules: readonly ArbRule[], policy: ArbPolicy, eicInRegion: string): InMemoryEc2 {
  const ec2 = new InMemoryEc2();
  ec2.addRules(...rules.map(describedRule));
  for (const [id, entries] of Object.entries(policy.prefixLists))
    ec2.prefixLists.set(id, { id, ownerId: '123456789012', entries });
  ec2.prefixLists.set(EIC_PREFIX_LIST_ID, {
    id: EIC_PREFIX_LIST_ID,
    name: `com.amazonaws.${REGION}.ec2-instance-connect`,
    ownerId: 'AWS',
    entries: [],
  });
  ec2.prefixLists.set(EIC6_ID, {
    id: EIC6_ID,
    name: `com.amazonaws.${REGION}.ipv6.ec2-instance-connect`,
    ownerId: 'AWS',
    entries: [],
  });
  if (eicInRegion !== 'none') ec2.eicPrefixLists = { ipv4: EIC_PREFIX_LIST_ID };
  if (eicInRegion === 'both') ec2.eicPrefixLists = { ipv4: EIC_PREFIX_LIST_ID, ipv6: EIC6_ID };
  return ec2;
}

function configOf(mode: RemediationMode, policy: ArbPolicy, remediatePublicSources: boolean): Config {
  return {
    topicArn: 'arn:aws:sns:eu-west-1:123456789012:findings',
    mode,
    emrFixBlockPublicAccess: false,
    sweep: { regionConcurrency: 4 },
    repeat: { windowHours: 24 },
    policy: policyOf({
      watchedPorts: policy.watchedPorts,
      trusted: policy.trustedCidrs,
      worldPrefix: { 4: policy.worldPrefixV4, 6: policy.worldPrefixV6 },
      remediatePublicSources,
    }),
  };
}

/** The fake's rules in DescribeSecurityGroupRules shape, written here, not by the product. */
function toOracleRule(rule: CurrentRule): OracleRule {
  const s = rule.source;
  return {
    SecurityGroupRuleId: rule.ruleId,
    GroupId: rule.groupId,
    IsEgress: rule.direction === 'egress',
    IpProtocol: rule.protocol === 'all' ? '-1' : rule.protocol,
    FromPort: rule.ports.from,
    ToPort: rule.ports.to,
    ...(s.kind === 'cidr4' ? { CidrIpv4: s.cidr } : {}),
    ...(s.kind === 'cidr6' ? { CidrIpv6: s.cidr } : {}),
    ...(s.kind === 'prefix-list' ? { PrefixListId: s.prefixListId } : {}),
    ...(s.kind === 'group' ? { ReferencedGroupInfo: { GroupId: s.groupId } } : {}),
  };
}

const PROTOCOL: Record<string, string> = {
  '-1': 'all',
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};
const protocolOf = (r: OracleRule) => PROTOCOL[r.IpProtocol ?? ''] ?? (r.IpProtocol ?? '').toLowerCase();

function sourceKey(r: OracleRule): string {
  if (r.PrefixListId) return `pl:${r.PrefixListId}`;
  if (r.ReferencedGroupInfo) return `sg:${r.ReferencedGroupInfo.GroupId}`;
  const c = parseAnyCidr((r.CidrIpv4 ?? r.CidrIpv6) as string);
  return `${c.family}:${c.network}/${c.prefix}`;
}

type Probe = { protocol: string; port: number };

/** Where a rule's openings change: its edges, around each watched port, the extremes. */
function probesOf(rule: OracleRule, watched: readonly number[], icmp: string | undefined): Probe[] {
  const protocol = protocolOf(rule);
  const { from, to } = portRangeOf(rule);
  const ports = [from, to, from + 1, to - 1, 0, 65535, ...watched.flatMap((p) => [p - 1, p, p + 1])];
  const inside = [...new Set(ports)].filter((p) => p >= from && p <= to);
  if (protocol === 'udp') return inside.map((port) => ({ protocol, port }));
  const tcp = inside.filter((p) => !watched.includes(p)).map((port) => ({ protocol: 'tcp', port }));
  if (protocol === 'tcp') return tcp;
  if (protocol !== 'all') return [];
  return [
    ...tcp,
    ...inside.map((port) => ({ protocol: 'udp', port })),
    ...(icmp ? [{ protocol: icmp, port: -1 }] : []),
  ];
}

function opens(rule: OracleRule, probe: Probe): boolean {
  const protocol = protocolOf(rule);
  if (rule.IsEgress || (protocol !== 'all' && protocol !== probe.protocol)) return false;
  if (probe.protocol.startsWith('icmp')) return protocol === 'all' || rule.FromPort === -1;
  const { from, to } = portRangeOf(rule);
  return from <= probe.port && probe.port <= to;
}

function icmpOf(rule: OracleRule, policy: ArbPolicy): string | undefined {
  if (rule.CidrIpv4) return 'icmp';
  if (rule.CidrIpv6) return 'icmpv6';
  const first = rule.PrefixListId ? policy.prefixLists[rule.PrefixListId]?.[0] : undefined;
  return first ? (parseAnyCidr(first).family === 4 ? 'icmp' : 'icmpv6') : undefined;
}

type Scenario = typeof arbScenario extends fc.Arbitrary<infer T> ? T : never;

async function runMode(mode: RemediationMode, s: Scenario) {
  const ec2 = setUp(s.rules, s.policy, s.eicInRegion);
  const publisher = new InMemoryPublisher();
  const deps = { ec2For: () => ec2, publisher, now: () => new Date('2026-11-21T10:00:00Z') };
  const groupIds = [...new Set(s.rules.map((r) => r.GroupId))];
  const summary = await runGuard(
    { trigger: TRIGGER, selection: { kind: 'groups', groupIds } },
    configOf(mode, s.policy, s.remediatePublic),
    deps,
  );
  for (const message of publisher.messages) parsePublished(message.message);
  return { after: [...ec2.rules.values()].map(toOracleRule), summary };
}

const RUNS = { numRuns: 250 };

describe('remediation modes on a fake that applies every call', () => {
  it.each<RemediationMode>(['revoke', 'narrow', 'replace-with-eic'])(
    'leaves no world-open SSH rule behind (%s mode)',
    async (mode) => {
      await fc.assert(
        fc.asyncProperty(arbScenario, async (s) => {
          const { after } = await runMode(mode, s);
          const oracle: OraclePolicy = s.policy;
          for (const rule of after) expect(oracleVerdict(rule, oracle)).not.toBe('world-open');
        }),
        RUNS,
      );
    },
  );

  it('keeps every non-SSH port open to the source that had it (narrow mode)', async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async (s) => {
        const { after, summary } = await runMode('narrow', s);
        for (const before of s.rules.filter((r) => !r.IsEgress)) {
          for (const probe of probesOf(before, s.policy.watchedPorts, icmpOf(before, s.policy))) {
            const still = after.some(
              (r) => r.GroupId === before.GroupId && sourceKey(r) === sourceKey(before) && opens(r, probe),
            );
            expect(still, `${probe.protocol}/${probe.port} of ${JSON.stringify(before)}`).toBe(true);
          }
        }
        const fallbacks = summary.findings.filter((f) =>
          /narrowing failed|not narrowed: the address/.test(f.action.note ?? ''),
        );
        expect(fallbacks).toEqual([]);
      }),
      RUNS,
    );
  });
});
