import type { OutboundMessage } from './core/findings/render-message.js';
import type { Rule } from './core/model/rule.js';
import type { PrefixListInfo } from './core/policy/classify-source.js';
import type { GroupTags } from './core/policy/exemptions.js';
import type { Opening, OpeningHistory } from './core/policy/opening-history.js';
import type { Permission } from './core/remediation/permission.js';
import type { EicPrefixLists } from './core/remediation/replace.js';

/**
 * The ports the pipeline needs, sized to its needs. SDK adapters implement them in production;
 * tests and the demo pass in-memory fakes that implement the same interfaces.
 */

export type RevokeResult =
  | { readonly status: 'revoked' }
  | { readonly status: 'already-gone' }
  | { readonly status: 'failed'; readonly code: string; readonly message: string };

/**
 * Authorize is all or nothing per call. Permissions the group already had are not an error: they
 * are what was asked for (a redelivered event, or a rule that existed beside the wide one).
 */
export type AuthorizeResult =
  | {
      readonly status: 'authorized';
      /** The rules EC2 created, with their new ids. */
      readonly created: readonly Rule[];
      readonly alreadyPresent: readonly Permission[];
    }
  | {
      readonly status: 'failed';
      readonly code: string;
      readonly message: string;
      /** Rules created before the failure (only when permissions had to be added one by one). */
      readonly created: readonly Rule[];
    };

export interface GroupInfo {
  readonly groupId: string;
  readonly groupName?: string;
  readonly vpcId?: string;
}

export interface Ec2Port {
  /** Every rule (ingress and egress) of these groups, all pages. */
  readRulesOfGroups(groupIds: readonly string[]): Promise<Rule[]>;
  /** The current state of rules named by id; ids that no longer exist are simply absent. */
  readRulesById(ruleIds: readonly string[]): Promise<Rule[]>;
  /** Resolves legacy group names (default VPC) to groups; unknown names are absent. */
  findGroupsByName(groupNames: readonly string[]): Promise<GroupInfo[]>;
  readPrefixLists(prefixListIds: readonly string[]): Promise<PrefixListInfo[]>;
  /** Revokes exactly these ingress rules of one group, one call; per-rule result. */
  revokeIngress(groupId: string, ruleIds: readonly string[]): Promise<ReadonlyMap<string, RevokeResult>>;
  /** Adds these ingress permissions to one group, one call (narrow keeps, EIC replacements). */
  authorizeIngress(groupId: string, permissions: readonly Permission[]): Promise<AuthorizeResult>;
  /** The region's AWS-owned EC2 Instance Connect prefix lists (absent when the region has none). */
  findEicPrefixLists(region: string): Promise<EicPrefixLists>;
  /** Tags of these groups; groups that no longer exist are absent. */
  readGroupTags(groupIds: readonly string[]): Promise<GroupTags>;
  /** Every rule of every group in the region, all pages; `onPage` hears the running total (progress). */
  readAllRules(onPage?: (rulesRead: number) => void): Promise<Rule[]>;
  /** The regions enabled for the account (opted in, or needing no opt-in). */
  listRegions(): Promise<string[]>;
  /** Security groups that reference a managed prefix list; none when the list no longer exists. */
  findPrefixListGroups(prefixListId: string): Promise<string[]>;
  /** AWS API calls made through this port so far (the sweep reports them per region). */
  apiCallCount(): number;
}

export interface PublishPort {
  publish(message: OutboundMessage): Promise<void>;
}

/** Counts world-open openings per group and source; called only for violating events. */
export interface OpeningLogPort {
  /** Records one opening (a redelivered event counts once) and answers the history it is part of. */
  recordOpening(opening: Opening): Promise<OpeningHistory>;
}

export interface Deps {
  /** Clients are per region: events arrive from every region (SPEC §2). */
  readonly ec2For: (region: string) => Ec2Port;
  readonly publisher: PublishPort;
  readonly now: () => Date;
  /** Absent when no repeat table is configured: openings are then not counted. */
  readonly openings?: OpeningLogPort;
}
