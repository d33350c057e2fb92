import { watchedPortsIn } from '../core/model/port-range.js';
import { applyPrefixListChange, type PrefixListChange } from '../core/model/prefix-list-change.js';
import type { Rule } from '../core/model/rule.js';
import type { PrefixListInfo } from '../core/policy/classify-source.js';
import type { Ec2Port } from '../deps.js';

/**
 * Reads each referenced prefix list once per call (a sweep references the same lists from thousands
 * of rules); the cache starts empty each time, because entries change between events. Only rules
 * that can carry a watched port need their lists expanded.
 */
export async function loadPrefixLists(
  rules: readonly Rule[],
  watchedPorts: readonly number[],
  ec2: Ec2Port,
  cache: Map<string, PrefixListInfo> = new Map(),
  changes: readonly PrefixListChange[] = [],
): Promise<ReadonlyMap<string, PrefixListInfo>> {
  const wanted = new Set<string>();
  for (const rule of rules) {
    if (rule.source.kind !== 'prefix-list' || rule.direction === 'egress') continue;
    if (rule.protocol !== 'tcp' && rule.protocol !== 'all') continue;
    if (watchedPortsIn(rule.ports, watchedPorts).length > 0) wanted.add(rule.source.prefixListId);
  }
  const missing = [...wanted].filter((id) => !cache.has(id));
  if (missing.length > 0) {
    for (const list of await ec2.readPrefixLists(missing)) {
      // An edit the event reported wins over a read that may predate it.
      cache.set(list.id, changes.reduce(applyPrefixListChange, list));
    }
  }
  return cache;
}
