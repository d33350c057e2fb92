import type { FindingMessage } from '../../functions/core/findings/finding.js';
import type { OutboundMessage } from '../../functions/core/findings/render-message.js';
import { type EmrClusterView, ENDED_STATES, NO_GROUPS } from '../../functions/core/model/emr-cluster.js';
import type { CurrentRule, PortRange } from '../../functions/core/model/rule.js';
import type { PrefixListInfo } from '../../functions/core/policy/classify-source.js';
import type { BlockPublicAccess } from '../../functions/core/policy/emr-block-public-access.js';
import type { GroupTags } from '../../functions/core/policy/exemptions.js';
import {
  type Permission,
  permissionKey,
  ruleKeyAsPermission,
} from '../../functions/core/remediation/permission.js';
import type { EicPrefixLists } from '../../functions/core/remediation/replace.js';
import type {
  AuthorizeResult,
  Deps,
  GroupInfo,
  ListLookup,
  PublishPort,
  RegionLister,
  RevokeResult,
  RuleReader,
  RuleWriter,
} from '../../functions/deps.js';
import type {
  BlockPublicAccessRead,
  BlockPublicAccessWrite,
  ClusterLookup,
  EmrDeps,
  EmrPort,
} from '../../functions/emr-deps.js';
import { createEicListCache } from '../../functions/pipeline/eic-list-cache.js';

/**
 * In-memory fakes of the AWS ports. They `implement` the port interfaces, so the type checker keeps
 * them from drifting; the demo and the handler tests run the real pipeline against them.
 */
export class InMemoryEc2 implements RuleReader, RuleWriter, ListLookup, RegionLister {
  readonly rules = new Map<string, CurrentRule>();
  readonly groups = new Map<string, GroupInfo>();
  readonly prefixLists = new Map<string, PrefixListInfo>();
  readonly calls: { action: string; args: unknown }[] = [];
  /** Per group id, a failure every revoke on that group answers with. */
  readonly revokeFailures = new Map<string, { code: string; message: string }>();
  /** Per group id, a failure every authorize on that group answers with (nothing is added). */
  readonly authorizeFailures = new Map<string, { code: string; message: string }>();
  /** Ingress rules a group may hold, as EC2's rules-per-group quota (60 by default). */
  rulesPerGroup = 60;
  readonly groupTags = new Map<string, Record<string, string>>();
  /** The region's EC2 Instance Connect list ids; a lookup throws `eicLookupError` when set. */
  eicPrefixLists: Omit<EicPrefixLists, 'region'> = {};
  eicLookupError?: Error;
  private nextRule = 0;

  addRules(...rules: CurrentRule[]): this {
    for (const rule of rules) this.rules.set(rule.ruleId, rule);
    return this;
  }

  async readRulesOfGroups(groupIds: readonly string[]): Promise<CurrentRule[]> {
    this.calls.push({ action: 'readRulesOfGroups', args: groupIds });
    return [...this.rules.values()].filter((r) => groupIds.includes(r.groupId));
  }

  async readRulesById(ruleIds: readonly string[]): Promise<CurrentRule[]> {
    this.calls.push({ action: 'readRulesById', args: ruleIds });
    return ruleIds.flatMap((id) => this.rules.get(id) ?? []);
  }

  async findGroupsByName(groupNames: readonly string[]): Promise<GroupInfo[]> {
    this.calls.push({ action: 'findGroupsByName', args: groupNames });
    return [...this.groups.values()].filter((g) => g.groupName && groupNames.includes(g.groupName));
  }

  async readPrefixLists(prefixListIds: readonly string[]): Promise<PrefixListInfo[]> {
    this.calls.push({ action: 'readPrefixLists', args: prefixListIds });
    return prefixListIds.map(
      (id) => this.prefixLists.get(id) ?? { id, error: 'InvalidPrefixListID.NotFound: not found' },
    );
  }

  async revokeIngress(
    groupId: string,
    ruleIds: readonly string[],
  ): Promise<ReadonlyMap<string, RevokeResult>> {
    this.calls.push({ action: 'revokeIngress', args: { groupId, ruleIds } });
    const failure = this.revokeFailures.get(groupId);
    const results = new Map<string, RevokeResult>();
    for (const id of ruleIds) {
      if (failure) results.set(id, { status: 'failed', ...failure });
      else if (this.rules.get(id)?.groupId === groupId && this.rules.delete(id))
        results.set(id, { status: 'revoked' });
      else results.set(id, { status: 'already-gone' });
    }
    return results;
  }

  /** Like EC2 per call: all or nothing, with permissions already present counted, not added again. */
  async authorizeIngress(groupId: string, permissions: readonly Permission[]): Promise<AuthorizeResult> {
    this.calls.push({ action: 'authorizeIngress', args: { groupId, permissions } });
    const failure = this.authorizeFailures.get(groupId);
    if (failure) return { status: 'failed', ...failure, created: [] };
    const ingress = [...this.rules.values()].filter(
      (r) => r.groupId === groupId && r.direction === 'ingress',
    );
    const existing = new Set(ingress.flatMap((r) => ruleKeyAsPermission(r) ?? []));
    const alreadyPresent = permissions.filter((p) => existing.has(permissionKey(p)));
    const added = permissions.filter((p) => !existing.has(permissionKey(p)));
    if (ingress.length + added.length > this.rulesPerGroup) {
      const message = 'The maximum number of rules per security group has been reached.';
      return { status: 'failed', code: 'RulesPerSecurityGroupLimitExceeded', message, created: [] };
    }
    const created = added.map((p) => this.addCreated(groupId, p));
    return { status: 'authorized', created, alreadyPresent };
  }

  private addCreated(groupId: string, p: Permission): CurrentRule {
    this.nextRule += 1;
    const rule: CurrentRule = {
      groupId,
      ruleId: `sgr-0add${this.nextRule.toString(16).padStart(13, '0')}`,
      direction: 'ingress',
      protocol: p.protocol,
      ports: p.ports,
      source: p.source,
      ...(p.description ? { description: p.description } : {}),
    };
    this.rules.set(rule.ruleId, rule);
    return rule;
  }

  async findEicPrefixLists(region: string): Promise<EicPrefixLists> {
    this.calls.push({ action: 'findEicPrefixLists', args: region });
    if (this.eicLookupError) throw this.eicLookupError;
    return { region, ...this.eicPrefixLists };
  }

  async readGroupTags(groupIds: readonly string[]): Promise<GroupTags> {
    this.calls.push({ action: 'readGroupTags', args: groupIds });
    return new Map(
      groupIds.flatMap((id) => (this.groupTags.has(id) ? [[id, this.groupTags.get(id) ?? {}]] : [])),
    );
  }

  /** What listRegions answers (the sweep's region list). */
  regions: string[] = ['eu-west-1'];
  /** When set, readAllRules fails with it (an opt-in region, AccessDenied...). */
  readAllFailure?: Error;
  /** Milliseconds each readAllRules takes, so tests can see regions overlap. */
  readAllDelayMs = 0;

  async readAllRules(onPage?: (rulesRead: number) => void): Promise<CurrentRule[]> {
    this.calls.push({ action: 'readAllRules', args: undefined });
    if (this.readAllDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.readAllDelayMs));
    if (this.readAllFailure) throw this.readAllFailure;
    onPage?.(this.rules.size);
    return [...this.rules.values()];
  }

  async listRegions(): Promise<string[]> {
    this.calls.push({ action: 'listRegions', args: undefined });
    return [...this.regions];
  }

  async findPrefixListGroups(prefixListId: string): Promise<string[]> {
    this.calls.push({ action: 'findPrefixListGroups', args: prefixListId });
    const groups = [...this.rules.values()].flatMap((r) =>
      r.source.kind === 'prefix-list' && r.source.prefixListId === prefixListId ? [r.groupId] : [],
    );
    return [...new Set(groups)];
  }

  callCount(action?: string): number {
    return action ? this.calls.filter((c) => c.action === action).length : this.calls.length;
  }
}

export class InMemoryPublisher implements PublishPort {
  readonly messages: OutboundMessage[] = [];
  failWith?: Error;

  async publish(message: OutboundMessage): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.messages.push(message);
  }

  /** The finding documents published so far, parsed back from the `default` JSON. */
  documents(): FindingMessage[] {
    return this.messages.map((m) => JSON.parse(JSON.parse(m.message).default));
  }
}

export function inMemoryDeps(now = new Date('2026-11-21T10:00:00Z')) {
  const ec2ByRegion = new Map<string, InMemoryEc2>();
  const ec2For = (region: string): InMemoryEc2 => {
    let ec2 = ec2ByRegion.get(region);
    if (!ec2) {
      ec2 = new InMemoryEc2();
      ec2ByRegion.set(region, ec2);
    }
    return ec2;
  };
  const publisher = new InMemoryPublisher();
  const deps: Deps = {
    ec2For,
    publisher,
    now: () => now,
    // Every port call stands for one AWS call here; the world's EIC lists live as long as the world.
    callsIn: (region) => ec2For(region).callCount(),
    eicLists: createEicListCache(),
  };
  return { deps, ec2For, publisher };
}

/** A cluster as InMemoryEmr holds it; `emptyDescribes` answers that many DescribeCluster calls with no groups yet. */
export interface InMemoryCluster extends EmrClusterView {
  emptyDescribes?: number;
}

/** The AWS default in every region that never changed it: on, with port 22 permitted. */
export const AWS_DEFAULT_BLOCK_PUBLIC_ACCESS: BlockPublicAccess = Object.freeze({
  blockPublicSecurityGroupRules: true,
  permittedRanges: [{ from: 22, to: 22 }],
});

/** In-memory EMR for one region, implementing the EMR port. */
export class InMemoryEmr implements EmrPort {
  readonly clusters = new Map<string, InMemoryCluster>();
  blockPublicAccess: BlockPublicAccess = AWS_DEFAULT_BLOCK_PUBLIC_ACCESS;
  readFailure?: { code: string; message: string };
  writeFailure?: { code: string; message: string };
  readonly calls: { action: string; args: unknown }[] = [];

  addCluster(...clusters: InMemoryCluster[]): this {
    for (const cluster of clusters) this.clusters.set(cluster.id, { ...cluster });
    return this;
  }

  async describeCluster(clusterId: string): Promise<ClusterLookup> {
    this.calls.push({ action: 'describeCluster', args: clusterId });
    const cluster = this.clusters.get(clusterId);
    if (!cluster) return { gone: true, reason: `Cluster id '${clusterId}' is not valid.` };
    const { emptyDescribes = 0, ...view } = cluster;
    const state = view.state ?? 'RUNNING';
    if (ENDED_STATES.includes(state)) return { gone: true, reason: `state ${state}`, state, ...nameOf(view) };
    if (emptyDescribes > 0) {
      cluster.emptyDescribes = emptyDescribes - 1;
      return { gone: false, ...view, state, groups: NO_GROUPS };
    }
    return { gone: false, ...view, state };
  }

  async readBlockPublicAccess(): Promise<BlockPublicAccessRead> {
    this.calls.push({ action: 'readBlockPublicAccess', args: undefined });
    return this.readFailure
      ? { ok: false, error: this.readFailure }
      : { ok: true, value: this.blockPublicAccess };
  }

  async writePermittedRanges(
    current: BlockPublicAccess,
    ranges: readonly PortRange[],
  ): Promise<BlockPublicAccessWrite> {
    this.calls.push({ action: 'writePermittedRanges', args: ranges });
    if (this.writeFailure) return { status: 'failed', ...this.writeFailure };
    this.blockPublicAccess = { ...current, permittedRanges: [...ranges] };
    return { status: 'written' };
  }

  callCount(action?: string): number {
    return action ? this.calls.filter((c) => c.action === action).length : this.calls.length;
  }
}

const nameOf = (view: EmrClusterView) => (view.name ? { name: view.name } : {});

/** inMemoryDeps plus per-region InMemoryEmr and a sleep that records waits instead of waiting. */
export function inMemoryEmrDeps(now = new Date('2026-11-21T10:00:00Z')) {
  const base = inMemoryDeps(now);
  const emrByRegion = new Map<string, InMemoryEmr>();
  const emrFor = (region: string): InMemoryEmr => {
    let emr = emrByRegion.get(region);
    if (!emr) {
      emr = new InMemoryEmr();
      emrByRegion.set(region, emr);
    }
    return emr;
  };
  const waits: number[] = [];
  const deps: EmrDeps = {
    ...base.deps,
    emrFor,
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  return { ...base, deps, emrFor, waits };
}
