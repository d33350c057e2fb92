/**
 * Sweep benchmark: a synthetic account (by default 10,000 groups, 100,000 rules over two regions)
 * served by an in-process fake EC2 with a fixed latency per call, swept by the real handler code
 * and the real SDK adapter (only `client.send` is faked). Prints wall time, API calls against the
 * count they must equal, and the evaluator's CPU time. `npx tsx scripts/bench-sweep.ts`.
 */
import type { EC2Client, SecurityGroupRule } from '@aws-sdk/client-ec2';
import { meteredEc2For } from '../functions/adapters/aws-deps.js';
import { loadConfig } from '../functions/config/config.js';
import type { Rule } from '../functions/core/model/rule.js';
import { evaluateGroups } from '../functions/core/policy/evaluate.js';
import type { Deps } from '../functions/deps.js';
import { silentLog } from '../functions/log.js';
import { fromDescribedRule } from '../functions/parse/describe-rule.js';
import { runSweep } from '../functions/pipeline/run-sweep.js';

export interface SweepBenchmarkOptions {
  readonly groups?: number;
  readonly rulesPerGroup?: number;
  readonly regions?: number;
  readonly latencyMs?: number;
  readonly concurrency?: number;
}

export interface SweepBenchmark {
  readonly groups: number;
  readonly rules: number;
  readonly regions: number;
  readonly latencyMs: number;
  readonly sweepWallMs: number;
  readonly sweepCpuMs: number;
  readonly apiCalls: number;
  /** DescribeRegions + every DescribeSecurityGroupRules page + prefix list reads + one revoke per violating group. */
  readonly expectedApiCalls: number;
  readonly callsByAction: Readonly<Record<string, number>>;
  readonly revoked: number;
  /** evaluateGroups over every rule, first run in the process (cold JIT, as a Lambda cold start). */
  readonly evaluatorCpuMsCold: number;
  /** The same, median of three further runs with fresh contexts. */
  readonly evaluatorCpuMsWarm: number;
}

const LIST_ID = 'pl-0be4c0ffee0000001';
const PAGE = 1000;

/**
 * Deterministic rule mix, ten per group: egress, HTTPS from anywhere, private and group-referenced
 * SSH, private IPv6, a prefix list in 10% of groups, a public /32 for review in 5%, tcp/22 from 0.0.0.0/0
 * in 1%, and two public /9s that together make a /8 in 0.1% (aggregate exposure).
 */
function syntheticRules(region: number, groups: number, perGroup: number): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  for (let g = 0; g < groups; g++) {
    const groupId = `sg-${(region * 1_000_000 + g).toString(16).padStart(17, '0')}`;
    const sources: Partial<SecurityGroupRule>[] = [
      { IsEgress: true, IpProtocol: '-1', CidrIpv4: '0.0.0.0/0' },
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0' },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: `10.${g % 256}.${(g >> 8) % 256}.0/24` },
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        ReferencedGroupInfo: { GroupId: 'sg-0b0b0b0b0b0b0b0b0' },
      },
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, ReferencedGroupInfo: { GroupId: groupId } },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: `fd00:${(g % 65536).toString(16)}::/56` },
      { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIpv4: `172.${16 + (g % 16)}.0.0/16` },
      g % 10 === 0
        ? { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListId: LIST_ID }
        : { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIpv4: `52.${g % 200}.${g % 250}.0/24` },
      g % 100 === 7
        ? { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' }
        : g % 1000 === 3
          ? { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '44.0.0.0/9' }
          : g % 20 === 5
            ? {
                IpProtocol: 'tcp',
                FromPort: 22,
                ToPort: 22,
                CidrIpv4: `54.${g % 200}.${g % 250}.${g % 256}/32`,
              }
            : { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: `192.168.${g % 256}.0/24` },
      g % 1000 === 3
        ? { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '44.128.0.0/9' }
        : { IpProtocol: 'udp', FromPort: 53, ToPort: 53, CidrIpv4: '0.0.0.0/0' },
    ];
    for (let r = 0; r < perGroup; r++) {
      const source = sources[r % sources.length] as Partial<SecurityGroupRule>;
      rules.push({
        SecurityGroupRuleId: `sgr-${(region * 100_000_000 + g * 100 + r).toString(16).padStart(17, '0')}`,
        GroupId: groupId,
        GroupOwnerId: '123456789012',
        IsEgress: false,
        ...source,
      });
    }
  }
  return rules;
}

/** Just enough of EC2 for a sweep, behind `send`, with a fixed delay per call. */
function fakeEc2(
  regionNames: readonly string[],
  rules: SecurityGroupRule[],
  latencyMs: number,
  calls: Map<string, number>,
) {
  const live = new Map(rules.map((r) => [r.SecurityGroupRuleId as string, r]));
  const answer = (name: string, input: Record<string, unknown>): unknown => {
    switch (name) {
      case 'DescribeRegionsCommand':
        return {
          Regions: regionNames.map((RegionName) => ({ RegionName, OptInStatus: 'opt-in-not-required' })),
        };
      case 'DescribeSecurityGroupRulesCommand': {
        const start = Number(input.NextToken ?? 0);
        const end = Math.min(start + PAGE, rules.length);
        return {
          SecurityGroupRules: rules.slice(start, end),
          ...(end < rules.length ? { NextToken: String(end) } : {}),
        };
      }
      case 'DescribeManagedPrefixListsCommand':
        return {
          PrefixLists: [{ PrefixListId: LIST_ID, PrefixListName: 'corp-ranges', OwnerId: '123456789012' }],
        };
      case 'GetManagedPrefixListEntriesCommand':
        return { Entries: [{ Cidr: '10.0.0.0/8' }, { Cidr: '198.51.100.0/24' }] };
      case 'RevokeSecurityGroupIngressCommand':
        for (const id of input.SecurityGroupRuleIds as string[]) live.delete(id);
        return { Return: true };
      default:
        throw new Error(`fake EC2 does not serve ${name}`);
    }
  };
  return {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const name = command.constructor.name;
      calls.set(name, (calls.get(name) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      return answer(name, command.input);
    },
  } as unknown as EC2Client;
}

function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export async function runSweepBenchmark(options: SweepBenchmarkOptions = {}): Promise<SweepBenchmark> {
  const { groups = 10_000, rulesPerGroup = 10, regions = 2, latencyMs = 5, concurrency = 4 } = options;
  const config = loadConfig({
    TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:bench',
    SWEEP_REGION_CONCURRENCY: String(concurrency),
  });
  const names = Array.from(
    { length: regions },
    (_, i) => ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'sa-east-1'][i] ?? `xx-bench-${i}`,
  );
  const perRegion = Math.ceil(groups / regions);
  const calls = new Map<string, number>();
  const served = names.map((_, i) =>
    syntheticRules(i, Math.min(perRegion, groups - i * perRegion), rulesPerGroup),
  );
  const { ec2For, callsIn } = meteredEc2For(
    (region) => fakeEc2(names, served[names.indexOf(region)] ?? [], latencyMs, calls),
    silentLog,
  );
  let published = 0;
  const deps: Deps = {
    ec2For,
    callsIn,
    publisher: {
      publish: async () => {
        published += 1;
      },
    },
    now: () => new Date(),
  };
  const trigger = {
    kind: 'schedule' as const,
    eventName: 'Scheduled Event',
    eventId: 'bench',
    eventTime: new Date().toISOString(),
    account: '123456789012',
    region: names[0] as string,
  };

  // The evaluator alone first, cold, on the same rules the sweep will read.
  const rules: Rule[] = served.flat().flatMap((raw) => fromDescribedRule(raw) ?? []);
  const context = () => ({
    policy: config.policy,
    region: 'eu-west-1',
    prefixLists: new Map([
      [LIST_ID, { id: LIST_ID, ownerId: '123456789012', entries: ['10.0.0.0/8', '198.51.100.0/24'] }],
    ]),
    now: new Date(),
  });
  const evaluatorCpuMsCold = cpuMs(() => evaluateGroups(rules, context()));
  const warm = [0, 1, 2].map(() => cpuMs(() => evaluateGroups(rules, context()))).sort((a, b) => a - b);

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await runSweep(trigger, config, deps, { publish: true });
  const sweepWallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);

  const pages = served.reduce((sum, r) => sum + Math.max(1, Math.ceil(r.length / PAGE)), 0);
  const listReads = served.filter((r) => r.some((rule) => rule.PrefixListId === LIST_ID)).length * 2;
  const revokeCalls = calls.get('RevokeSecurityGroupIngressCommand') ?? 0;
  const violatingGroups = new Set(
    result.findings
      .filter((f) => f.action.type === 'revoked')
      .map((f) => `${f.region}/${f.resource.groupId}`),
  ).size;
  return {
    groups,
    rules: rules.length,
    regions,
    latencyMs,
    sweepWallMs: Math.round(sweepWallMs),
    sweepCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    apiCalls: result.totals.apiCalls,
    expectedApiCalls: 1 + pages + listReads + violatingGroups,
    callsByAction: { ...Object.fromEntries(calls), SnsPublish: published },
    revoked: result.totals.actions.revoked ?? 0,
    evaluatorCpuMsCold: Math.round(evaluatorCpuMsCold),
    evaluatorCpuMsWarm: Math.round(warm[1] ?? 0),
    ...(revokeCalls !== violatingGroups ? { note: 'revoke calls differ from violating groups' } : {}),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await runSweepBenchmark();
  console.log(JSON.stringify(figures, null, 2));
  console.log(
    `\n| groups | rules | regions | latency/call | sweep wall | sweep CPU | API calls (expected) | evaluator CPU cold / warm |\n|---|---|---|---|---|---|---|---|\n| ${figures.groups} | ${figures.rules} | ${figures.regions} | ${figures.latencyMs} ms | ${figures.sweepWallMs} ms | ${figures.sweepCpuMs} ms | ${figures.apiCalls} (${figures.expectedApiCalls}) | ${figures.evaluatorCpuMsCold} / ${figures.evaluatorCpuMsWarm} ms |`,
  );
}
