import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import { type CurrentRule, rulesByGroup } from '../core/model/rule.js';
import type { RuleSelection } from '../core/model/selection.js';
import { nextFactNeeded } from '../core/remediation/decide.js';
import { type DecisionSettings, type GuardFacts, prefixListsToRead } from '../core/remediation/facts.js';
import type { GroupInfo, ListLookup, RuleReader } from '../deps.js';
import type { EicListCache } from './eic-list-cache.js';
import { loadPrefixLists } from './load-prefix-lists.js';
import { resolveRules } from './resolve-rules.js';

export interface Gathered {
  readonly facts: GuardFacts;
  /** Groups a legacy request named, resolved to ids (findings show both). */
  readonly groups: ReadonlyMap<string, GroupInfo>;
}

export interface GatherPorts {
  readonly ec2: RuleReader & ListLookup;
  readonly eicLists: EicListCache;
}

/**
 * Everything the decision needs, read before it is made: the rules the selection lacks, the prefix
 * lists they reference, then whatever the pure core says it still needs (a group's other rules,
 * tags, EIC lists), each at most once. A read that fails throws, so Lambda retries and the DLQ
 * alarm catches it.
 */
export async function gatherFacts(
  selection: RuleSelection,
  changes: readonly PrefixListChange[],
  region: string,
  settings: DecisionSettings,
  now: Date,
  { ec2, eicLists }: GatherPorts,
): Promise<Gathered> {
  const resolved = await resolveRules(selection, ec2);
  const wanted = prefixListsToRead([...resolved.rules, ...resolved.missing], settings.policy.watchedPorts);
  const prefixLists = await loadPrefixLists(wanted, ec2, eicLists.known(region), changes);
  let facts: GuardFacts = {
    region,
    rules: resolved.rules,
    missing: resolved.missing,
    wholeGroups: resolved.wholeGroups,
    prefixLists,
  };
  for (;;) {
    const needed = nextFactNeeded(facts, settings, now);
    switch (needed.kind) {
      case 'none':
        return { facts, groups: resolved.groups };
      case 'group-rules':
        facts = await withGroupRules(facts, needed.groupIds, resolved.groupRules, ec2, settings, changes);
        break;
      case 'group-tags':
        facts = { ...facts, groupTags: await ec2.readGroupTags(needed.groupIds) };
        break;
      case 'eic-lists':
        facts = { ...facts, eic: await eicLists.lookup(region, ec2) };
        break;
    }
  }
}

/**
 * The groups' current rules, and the prefix lists they reference that were not read yet (their
 * public entries count in the sum). Reading the groups to match an old record's rules already read
 * them in this invocation: that read is used, at no call.
 */
async function withGroupRules(
  facts: GuardFacts,
  groupIds: readonly string[],
  alreadyRead: ReadonlyMap<string, readonly CurrentRule[]> | undefined,
  ec2: RuleReader & ListLookup,
  settings: DecisionSettings,
  changes: readonly PrefixListChange[],
): Promise<GuardFacts> {
  const covered = alreadyRead && groupIds.every((id) => alreadyRead.has(id));
  const rules = covered
    ? groupIds.flatMap((id) => alreadyRead.get(id) ?? [])
    : await ec2.readRulesOfGroups(groupIds);
  const groupRules = rulesByGroup(groupIds, rules);
  const wanted = prefixListsToRead(rules, settings.policy.watchedPorts);
  const prefixLists = await loadPrefixLists(wanted, ec2, [...facts.prefixLists.values()], changes);
  return { ...facts, groupRules, prefixLists };
}
