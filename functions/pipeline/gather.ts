import type { PrefixListChange } from '../core/model/prefix-list-change.js';
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
 * lists they reference, then whatever the pure core says it still needs (tags, EIC lists), each at
 * most once. A read that fails throws, so Lambda retries and the DLQ alarm catches it.
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
    if (needed.kind === 'none') return { facts, groups: resolved.groups };
    facts =
      needed.kind === 'group-tags'
        ? { ...facts, groupTags: await ec2.readGroupTags(needed.groupIds) }
        : { ...facts, eic: await eicLists.lookup(region, ec2) };
  }
}
