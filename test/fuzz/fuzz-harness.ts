import { loadConfig } from '../../functions/config/config.js';
import type { Finding } from '../../functions/core/findings/finding.js';
import type { PrefixListInfo } from '../../functions/core/policy/classify-source.js';
import type { RemediationMode } from '../../functions/core/policy/policy-config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import type { HandlerResult } from '../../functions/handlers/result.js';
import { silentLog } from '../../functions/log.js';
import { fromDescribedRule } from '../../functions/parse/describe-rule.js';
import { PublishError } from '../../functions/pipeline/publish-findings.js';
import { EIC_PREFIX_LIST_ID } from '../oracle/arbitraries.js';
import { type OraclePolicy, type OracleRule, oracleVerdict } from '../oracle/ssh-oracle.js';
import { FakeAwsState, type RegionState, type SecurityGroupRule } from '../support/fake-aws/index.js';
import { InMemoryEc2, inMemoryDeps } from '../support/in-memory-aws.js';
import { findingsOfBody } from '../support/published-findings.js';

export const REGION = 'eu-west-1';
export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:findings';

/** Customer prefix lists the generated rules may reference (UNKNOWN_PREFIX_LIST_ID stays unreadable). */
export const CUSTOMER_LISTS: Readonly<Record<string, string[]>> = {
  'pl-0a1b2c3d': ['0.0.0.0/0'],
  'pl-1b2c3d4e': ['10.0.0.0/8', '192.168.0.0/16'],
  'pl-2c3d4e5f': ['52.94.76.0/22'],
  'pl-3d4e5f6a': [],
};

/** What EC2 holds, in the fake's (DescribeSecurityGroupRules-shaped) terms, before the event is handled. */
export function emptyAccount(): RegionState {
  const region = new FakeAwsState(REGION, '123456789012', [REGION]).region();
  region.addPrefixList({
    PrefixListId: EIC_PREFIX_LIST_ID,
    PrefixListName: `com.amazonaws.${REGION}.ec2-instance-connect`,
    OwnerId: 'AWS',
    entries: [{ Cidr: '18.202.216.48/29' }],
  });
  for (const [PrefixListId, cidrs] of Object.entries(CUSTOMER_LISTS)) {
    region.addPrefixList({
      PrefixListId,
      PrefixListName: PrefixListId,
      entries: cidrs.map((Cidr) => ({ Cidr })),
    });
  }
  return region;
}

/** The §4 policy the default configuration means, in the oracle's terms, for what `region` holds. */
export function oraclePolicyOf(region: RegionState): OraclePolicy {
  const lists = [...region.prefixLists.values()];
  return {
    watchedPorts: [22],
    trustedCidrs: [],
    worldPrefixV4: 8,
    worldPrefixV6: 32,
    eicPrefixListIds: lists.filter((l) => l.OwnerId === 'AWS').map((l) => l.PrefixListId),
    prefixLists: Object.fromEntries(
      lists.filter((l) => l.OwnerId !== 'AWS').map((l) => [l.PrefixListId, l.entries.map((e) => e.Cidr)]),
    ),
  };
}

function toPortInfo(region: RegionState): InMemoryEc2 {
  const ec2 = new InMemoryEc2();
  for (const raw of region.rules.values()) {
    const rule = fromDescribedRule(raw);
    if (rule) ec2.addRules(rule);
  }
  for (const g of region.groups.values()) {
    ec2.groups.set(g.GroupId, { groupId: g.GroupId, groupName: g.GroupName, vpcId: g.VpcId });
  }
  for (const l of region.prefixLists.values()) {
    const info: PrefixListInfo = {
      id: l.PrefixListId,
      name: l.PrefixListName,
      ownerId: l.OwnerId,
      entries: l.entries.map((e) => e.Cidr),
    };
    ec2.prefixLists.set(l.PrefixListId, info);
  }
  return ec2;
}

export type Outcome =
  | { readonly kind: 'returned'; readonly result: HandlerResult }
  | { readonly kind: 'threw'; readonly error: unknown };

export interface Run {
  readonly outcome: Outcome;
  /** Rule ids the handler asked EC2 to revoke. */
  readonly revoked: string[];
  readonly findings: Finding[];
  readonly messages: number;
}

export interface RunOptions {
  /** Every publish fails with this, as when SNS is down. */
  readonly publishFails?: Error;
  readonly mode?: RemediationMode;
}

/**
 * The real handler and pipeline, in process, over in-memory ports seeded from `region` (fast enough
 * for thousands of runs), configured as deployed with the default policy.
 */
export async function runHandler(
  event: unknown,
  region: RegionState,
  options: RunOptions = {},
): Promise<Run> {
  const { deps, publisher } = inMemoryDeps();
  const ec2 = toPortInfo(region);
  if (options.publishFails) publisher.failWith = options.publishFails;
  const config = loadConfig({ TOPIC_ARN, REMEDIATION_MODE: options.mode ?? 'revoke' });
  const handler = makeGuardHandler(config, { ...deps, ec2For: () => ec2 }, silentLog);
  let outcome: Outcome;
  try {
    outcome = { kind: 'returned', result: await handler(event) };
  } catch (error) {
    outcome = { kind: 'threw', error };
  }
  const revoked = ec2.calls
    .filter((c) => c.action === 'revokeIngress')
    .flatMap((c) => (c.args as { ruleIds: string[] }).ruleIds);
  const findings = publisher.messages.flatMap((m) => findingsOfBody(m.message));
  return { outcome, revoked, findings, messages: publisher.messages.length };
}

/**
 * The one error the handler may throw on purpose (SPEC §8): publishing failed, caused by the
 * publisher's own failure. Anything else escaping the handler is a bug.
 */
export function isDeclaredError(error: unknown, publishFailure?: Error): boolean {
  return error instanceof PublishError && publishFailure !== undefined && error.cause === publishFailure;
}

export type Judgement = OracleVerdictOrUnjudgeable;
type OracleVerdictOrUnjudgeable = ReturnType<typeof oracleVerdict> | 'unjudgeable';

/** The oracle's verdict, or 'unjudgeable' when the rule lies outside what the oracle is specified for. */
export function judge(rule: OracleRule, policy: OraclePolicy): Judgement {
  try {
    return oracleVerdict(rule, policy);
  } catch {
    return 'unjudgeable';
  }
}

export const stateRuleOf = (region: RegionState, ruleId: string): SecurityGroupRule | undefined =>
  region.rules.get(ruleId);
