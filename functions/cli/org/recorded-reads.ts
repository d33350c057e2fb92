import type { CurrentRule } from '../../core/model/rule.js';
import type { PrefixListInfo } from '../../core/policy/classify-source.js';
import type { GroupTags } from '../../core/policy/exemptions.js';
import type { GuardFacts } from '../../core/remediation/facts.js';
import type { CallMeter, Ec2Port } from '../../deps.js';

interface RegionReads {
  rules: readonly CurrentRule[];
  readonly prefixLists: Map<string, PrefixListInfo>;
  groupTags?: GroupTags;
}

/**
 * The sweep's EC2 ports of one account, unchanged, keeping what they read: the rules, the expanded
 * prefix lists and any group tags, which are the facts the sweep decided on. From them each finding's
 * rule is planned in every mode without reading anything twice.
 */
export function recordReads(ec2For: (region: string) => Ec2Port, callsIn: CallMeter) {
  const ports = new Map<string, Ec2Port>();
  const reads = new Map<string, RegionReads>();
  const readsIn = (region: string): RegionReads => {
    const found = reads.get(region) ?? { rules: [], prefixLists: new Map() };
    reads.set(region, found);
    return found;
  };
  const wrap = (region: string, port: Ec2Port): Ec2Port => ({
    ...port,
    async readAllRules(onPage) {
      const rules = await port.readAllRules(onPage);
      readsIn(region).rules = rules;
      return rules;
    },
    async readPrefixLists(ids) {
      const lists = await port.readPrefixLists(ids);
      for (const list of lists) readsIn(region).prefixLists.set(list.id, list);
      return lists;
    },
    async readGroupTags(groupIds) {
      const tags = await port.readGroupTags(groupIds);
      readsIn(region).groupTags = tags;
      return tags;
    },
  });
  return {
    ec2For(region: string): Ec2Port {
      let port = ports.get(region);
      if (!port) {
        port = wrap(region, ec2For(region));
        ports.set(region, port);
      }
      return port;
    },
    callsIn,
    /** What the sweep of one region decided on (every rule of every group: a whole-group read). */
    factsOf(region: string): GuardFacts {
      const { rules, prefixLists, groupTags } = readsIn(region);
      return {
        region,
        rules,
        missing: [],
        wholeGroups: true,
        prefixLists,
        ...(groupTags ? { groupTags } : {}),
      };
    },
    /** Every call made in the account so far, all regions. */
    apiCalls: () => [...ports.keys()].reduce((n, region) => n + callsIn(region), 0),
  };
}
