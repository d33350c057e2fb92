import type { PrefixListInfo } from '../core/policy/classify-source.js';
import { type EicPrefixLists, eicPrefixListNames } from '../core/remediation/replace.js';
import type { Ec2Port } from '../deps.js';

// Keyed by port: the handler builds one port per region per container, so this is the "once per
// region per container" cache without a module-level client singleton.
const found = new WeakMap<Ec2Port, Map<string, EicPrefixLists>>();

/**
 * The region's EC2 Instance Connect lists, looked up once and remembered. A failed lookup is a
 * value (replacement then falls back to revoke) and is not remembered, so the next event retries.
 */
export async function lookupEicPrefixLists(ec2: Ec2Port, region: string): Promise<EicPrefixLists> {
  const cached = found.get(ec2)?.get(region);
  if (cached) return cached;
  try {
    const lists = await ec2.findEicPrefixLists(region);
    found.set(ec2, (found.get(ec2) ?? new Map()).set(region, lists));
    return lists;
  } catch (error) {
    const code = error instanceof Error ? error.name : 'UnknownError';
    return { region, error: `${code}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * What the cache already knows, as prefix-list facts for evaluation: the guard's own replacement
 * (tcp/22 from the EIC list) then comes back as an event that evaluates compliant with no AWS call.
 */
export function knownEicPrefixLists(ec2: Ec2Port, region: string): PrefixListInfo[] {
  const lists = found.get(ec2)?.get(region);
  if (!lists) return [];
  const names = eicPrefixListNames(region);
  return (['ipv4', 'ipv6'] as const).flatMap((family) => {
    const id = lists[family];
    return id ? [{ id, name: names[family], ownerId: 'AWS' }] : [];
  });
}
