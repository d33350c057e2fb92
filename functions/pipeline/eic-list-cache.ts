import { errorCode, errorMessage } from '../adapters/aws-error.js';
import type { PrefixListInfo } from '../core/policy/classify-source.js';
import { type EicPrefixLists, eicPrefixListNames } from '../core/remediation/replace.js';
import type { ListLookup } from '../deps.js';

/**
 * The region's EC2 Instance Connect lists, looked up once and remembered for as long as the object
 * lives: the production deps build one per container (the lists are AWS-owned and fixed per region),
 * a test builds one per world. A failed lookup is a value (replacement then falls back to revoke) and
 * is not remembered, so the next event retries.
 */
export interface EicListCache {
  lookup(region: string, lists: Pick<ListLookup, 'findEicPrefixLists'>): Promise<EicPrefixLists>;
  /**
   * What is already known, as prefix-list facts for evaluation: the guard's own replacement (tcp/22
   * from the EIC list) then comes back as an event that evaluates compliant with no AWS call.
   */
  known(region: string): PrefixListInfo[];
}

export function createEicListCache(): EicListCache {
  const found = new Map<string, EicPrefixLists>();
  return {
    async lookup(region, lists) {
      const cached = found.get(region);
      if (cached) return cached;
      try {
        const looked = await lists.findEicPrefixLists(region);
        found.set(region, looked);
        return looked;
      } catch (error) {
        return { region, error: `${errorCode(error)}: ${errorMessage(error)}` };
      }
    },
    known(region) {
      const lists = found.get(region);
      if (!lists) return [];
      const names = eicPrefixListNames(region);
      return (['ipv4', 'ipv6'] as const).flatMap((family) => {
        const id = lists[family];
        return id ? [{ id, name: names[family], ownerId: 'AWS' }] : [];
      });
    },
  };
}
