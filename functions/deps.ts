import type { OutboundMessage } from './core/findings/render-message.js';
import type { HostPosture, InstanceRef } from './core/model/host-posture.js';
import type { CurrentRule } from './core/model/rule.js';
import type { PrefixListInfo } from './core/policy/classify-source.js';
import type { GroupTags } from './core/policy/exemptions.js';
import type { Opening, OpeningHistory } from './core/policy/opening-history.js';
import type { Permission } from './core/remediation/permission.js';
import type { EicPrefixLists } from './core/remediation/replace.js';
import type { EicListCache } from './pipeline/eic-list-cache.js';

/**
 * The ports the pipeline needs, one role each, sized to its needs. SDK adapters implement them in
 * production; tests and the demo pass in-memory fakes that implement the same interfaces. Each
 * pipeline step takes only the roles it uses.
 */

/**
 * What a revoke did to one judged rule, as EC2's answer shows it: the rule it removed, or why the
 * group no longer holds the judged permission (removed or changed since the event).
 */
export type RevokeResult =
  | { readonly status: 'revoked'; readonly ruleId: string }
  | { readonly status: 'already-gone'; readonly evidence: string }
  | { readonly status: 'failed'; readonly code: string; readonly message: string };

/**
 * Authorize is all or nothing per call. Permissions the group already had are not an error: they
 * are what was asked for (a redelivered event, or a rule that existed beside the wide one).
 */
export type AuthorizeResult =
  | {
      readonly status: 'authorized';
      /** The rules EC2 created, with their new ids. */
      readonly created: readonly CurrentRule[];
      readonly alreadyPresent: readonly Permission[];
    }
  | {
      readonly status: 'failed';
      readonly code: string;
      readonly message: string;
      /** Rules created before the failure (only when permissions had to be added one by one). */
      readonly created: readonly CurrentRule[];
    };

export interface GroupInfo {
  readonly groupId: string;
  readonly groupName?: string;
  readonly vpcId?: string;
}

/** Reads security groups and their rules. */
export interface RuleReader {
  /** Every rule (ingress and egress) of these groups, all pages. */
  readRulesOfGroups(groupIds: readonly string[]): Promise<CurrentRule[]>;
  /** The current state of rules named by id; ids that no longer exist are simply absent. */
  readRulesById(ruleIds: readonly string[]): Promise<CurrentRule[]>;
  /** Resolves legacy group names (default VPC) to groups; unknown names are absent. */
  findGroupsByName(groupNames: readonly string[]): Promise<GroupInfo[]>;
  /** Tags of these groups; groups that no longer exist are absent. */
  readGroupTags(groupIds: readonly string[]): Promise<GroupTags>;
  /** Every rule of every group in the region, all pages; `onPage` hears the running total (progress). */
  readAllRules(onPage?: (rulesRead: number) => void): Promise<CurrentRule[]>;
}

/** Changes the ingress rules of one group, one call each. */
export interface RuleWriter {
  /**
   * Revokes these judged ingress rules of one group by their permission, one call, so EC2 removes
   * each only if it is unchanged; the result is per judged rule id.
   */
  revokeIngress(groupId: string, rules: readonly CurrentRule[]): Promise<ReadonlyMap<string, RevokeResult>>;
  /** Adds these ingress permissions to one group, one call (narrow keeps, EIC replacements). */
  authorizeIngress(groupId: string, permissions: readonly Permission[]): Promise<AuthorizeResult>;
}

/** Managed prefix lists: their entries, who references them, and the region's EC2 Instance Connect lists. */
export interface ListLookup {
  readPrefixLists(prefixListIds: readonly string[]): Promise<PrefixListInfo[]>;
  /** Security groups that reference a managed prefix list; none when the list no longer exists. */
  findPrefixListGroups(prefixListId: string): Promise<string[]>;
  /** The region's AWS-owned EC2 Instance Connect prefix lists (absent when the region has none). */
  findEicPrefixLists(region: string): Promise<EicPrefixLists>;
}

export interface RegionLister {
  /** The regions enabled for the account (opted in, or needing no opt-in). */
  listRegions(): Promise<string[]>;
}

/** Everything EC2 offers the guard in one region: what `ec2For` hands out. */
export type Ec2Port = RuleReader & RuleWriter & ListLookup & RegionLister;

export interface PublishPort {
  publish(message: OutboundMessage): Promise<void>;
}

/** Counts world-open openings per group and source; called only for violating events. */
export interface OpeningLogPort {
  /** Records one opening (a redelivered event counts once) and answers the history it is part of. */
  recordOpening(opening: Opening): Promise<OpeningHistory>;
}
/** AWS calls made so far in a region; counted by a wrapper in the adapters, read by the sweep. */
export type CallMeter = (region: string) => number;

/** The reads that join a security group finding with its hosts (host posture, opt-in). */
export interface HostPort {
  /** Instances (not terminated) that use any of these groups: at most `limit`, one page. */
  findInstancesByGroups(
    groupIds: readonly string[],
    limit: number,
  ): Promise<{ readonly instances: InstanceRef[]; readonly truncated: boolean }>;
  /** The SSH posture each instance last reported; instances that never reported are absent. */
  readPostures(instanceIds: readonly string[]): Promise<Map<string, HostPosture>>;
}

/** What the sweep needs to list instances that were never assessed (host posture, opt-in). */
export interface CoveragePort {
  listInstancesInScope(tag?: { readonly key: string; readonly value: string }): Promise<InstanceRef[]>;
  listAssessedInstances(): Promise<Set<string>>;
}

export interface Deps {
  /** Clients are per region: events arrive from every region. */
  readonly ec2For: (region: string) => Ec2Port;
  readonly publisher: PublishPort;
  readonly now: () => Date;
  /** Absent when no repeat table is configured: openings are then not counted. */
  readonly openings?: OpeningLogPort;
  /** Without a meter the sweep reports no call counts (0); the adapters and the in-memory fakes give one. */
  readonly callsIn?: CallMeter;
  /**
   * The EC2 Instance Connect lists already looked up, kept for the life of the container (built with
   * the deps). Without one, each invocation looks them up afresh when it needs them.
   */
  readonly eicLists?: EicListCache;
  /** Present when host posture is on (the guard function): findings then name their hosts. */
  readonly hostFor?: (region: string) => HostPort;
  /** Present when host posture is on (the sweep): instances never assessed are listed. */
  readonly coverageFor?: (region: string) => CoveragePort;
}
