import type { Rule } from '../../core/model/rule.js';
import type { PrefixListInfo } from '../../core/policy/classify-source.js';
import type { Ec2Port } from '../../deps.js';

/**
 * The sweep's EC2 ports of one account, unchanged, keeping what they read: the rules (so each
 * finding's rule can be planned in every mode) and the expanded prefix lists (narrowing an
 * all-traffic rule needs a list's address family). Nothing is read twice for the previews.
 */
export function recordReads(ec2For: (region: string) => Ec2Port) {
  const ports = new Map<string, Ec2Port>();
  const rules = new Map<string, Map<string, Rule>>();
  const lists = new Map<string, Map<string, PrefixListInfo>>();
  const inRegion = <T>(byRegion: Map<string, Map<string, T>>, region: string) => {
    const found = byRegion.get(region) ?? new Map<string, T>();
    byRegion.set(region, found);
    return found;
  };
  const wrap = (region: string, port: Ec2Port): Ec2Port =>
    new Proxy(port, {
      get(target, key, receiver) {
        if (key === 'readAllRules')
          return async (onPage?: (n: number) => void) => {
            const read = await target.readAllRules(onPage);
            const byId = inRegion(rules, region);
            for (const rule of read) if (rule.ruleId) byId.set(rule.ruleId, rule);
            return read;
          };
        if (key === 'readPrefixLists')
          return async (ids: readonly string[]) => {
            const read = await target.readPrefixLists(ids);
            const byId = inRegion(lists, region);
            for (const list of read) byId.set(list.id, list);
            return read;
          };
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
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
    rule: (region: string, ruleId: string): Rule | undefined => rules.get(region)?.get(ruleId),
    prefixLists: (region: string): ReadonlyMap<string, PrefixListInfo> => lists.get(region) ?? new Map(),
    /** Every call made through the ports so far, all regions. */
    apiCalls: () => [...ports.values()].reduce((n, p) => n + p.apiCallCount(), 0),
  };
}
