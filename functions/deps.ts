import type { PrefixListInfo } from './core/classify-source.js';
import type { OutboundMessage } from './core/render-message.js';
import type { Rule } from './core/rule.js';

/**
 * The ports the pipeline needs, sized to its needs. SDK adapters implement them in production;
 * tests and the demo pass in-memory fakes that implement the same interfaces.
 */

export type RevokeResult =
  | { readonly status: 'revoked' }
  | { readonly status: 'already-gone' }
  | { readonly status: 'failed'; readonly code: string; readonly message: string };

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

export interface Deps {
  /** Clients are per region: events arrive from every region (SPEC §2). */
  readonly ec2For: (region: string) => Ec2Port;
  readonly publisher: PublishPort;
  readonly now: () => Date;
}
