import { watchedPortsIn } from '../model/port-range.js';
import type { CurrentRule, MissingRule, Rule } from '../model/rule.js';
import type { PrefixListInfo } from '../policy/classify-source.js';
import type { GroupTags } from '../policy/exemptions.js';
import type { PolicyConfig, RemediationMode } from '../policy/policy-config.js';
import type { EicPrefixLists } from './replace.js';

/**
 * Everything one invocation knows before it decides: read first by the gather step, then judged by
 * one pure function (decide.ts). Nothing here is fetched lazily.
 */
export interface GuardFacts {
  readonly region: string;
  /** Rules as EC2 holds them now, each with its group and rule id. */
  readonly rules: readonly CurrentRule[];
  /** Requested rules that match nothing the group holds: judged, reported, never revoked. */
  readonly missing: readonly MissingRule[];
  /** `rules` are every rule of their groups, so group checks (aggregate exposure) apply to them alone. */
  readonly wholeGroups: boolean;
  /**
   * Every rule EC2 holds now in the groups where an event's rules left a public SSH source in place,
   * by group id (a group that no longer exists holds none): read once, so the group's exposure is
   * summed with what it held before. Absent until read.
   */
  readonly groupRules?: ReadonlyMap<string, readonly CurrentRule[]>;
  readonly prefixLists: ReadonlyMap<string, PrefixListInfo>;
  /** Read only when the policy honours the exempt tag and some rule would otherwise be remediated. */
  readonly groupTags?: GroupTags;
  /** Looked up only in replace-with-eic mode when some rule is about to be revoked. */
  readonly eic?: EicPrefixLists;
}

export interface DecisionSettings {
  readonly policy: PolicyConfig;
  readonly mode: RemediationMode;
}

/**
 * The prefix lists whose entries the policy needs: those that ingress rules able to carry a watched
 * port reference. Egress rules and other protocols never need a read.
 */
export function prefixListsToRead(rules: readonly Rule[], watchedPorts: readonly number[]): string[] {
  const wanted = new Set<string>();
  for (const rule of rules) {
    if (rule.source.kind !== 'prefix-list' || rule.direction === 'egress') continue;
    if (rule.protocol !== 'tcp' && rule.protocol !== 'all') continue;
    if (watchedPortsIn(rule.ports, watchedPorts).length > 0) wanted.add(rule.source.prefixListId);
  }
  return [...wanted];
}
