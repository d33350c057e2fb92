import { canonicalCidr, type Family, parseCidr } from '../model/cidr.js';
import { subtractPorts } from '../model/port-range.js';
import { ALL_PORTS, type Rule } from '../model/rule.js';
import type { PrefixListInfo } from '../policy/classify-source.js';
import { ANY_ICMP, type Permission } from './permission.js';

/** What narrowing keeps of a rule, or why it cannot be expressed (the caller then revokes). */
export type Remainder =
  | {
      readonly ok: true;
      readonly keep: readonly Permission[];
      /** What the rule allowed that no permission can keep, in words for the finding. */
      readonly dropped?: string;
    }
  | { readonly ok: false; readonly reason: string };

const OTHER_PROTOCOLS = 'IP protocols other than tcp, udp and ICMP (GRE, ESP, SCTP...)';

/**
 * The rule minus every watched port, as permissions for the same source with the description
 * copied. `all` traffic becomes tcp without the watched ports, all of udp and all of ICMP for the
 * source's address family; the other IP protocols would take one rule each and are not kept.
 */
export function narrowRule(
  rule: Rule,
  watchedPorts: readonly number[],
  prefixLists: ReadonlyMap<string, PrefixListInfo>,
): Remainder {
  const source = permissionSource(rule);
  if (!source) return { ok: false, reason: `a ${rule.source.kind} source cannot be narrowed` };
  const base = { source, ...(rule.description ? { description: rule.description } : {}) };
  const tcp: Permission[] = subtractPorts(rule.ports, watchedPorts).map((ports) => ({
    ...base,
    protocol: 'tcp',
    ports,
  }));
  if (rule.protocol === 'tcp') return { ok: true, keep: tcp };
  if (rule.protocol !== 'all') return { ok: false, reason: `${rule.protocol} rules carry no tcp port` };
  const family = familyOf(source, prefixLists);
  if (!family) {
    return {
      ok: false,
      reason: `the address family of ${describeList(source)} is unknown, so its ICMP part cannot be written`,
    };
  }
  const icmp: Permission = { ...base, protocol: family === 4 ? 'icmp' : 'icmpv6', ports: ANY_ICMP };
  return {
    ok: true,
    keep: [...tcp, { ...base, protocol: 'udp', ports: ALL_PORTS }, icmp],
    dropped: OTHER_PROTOCOLS,
  };
}

function permissionSource(rule: Rule): Permission['source'] | undefined {
  const { source } = rule;
  if (source.kind === 'cidr4' || source.kind === 'cidr6')
    return { ...source, cidr: canonicalCidr(source.cidr) };
  if (source.kind === 'prefix-list') return source;
  return undefined;
}

/** A managed prefix list holds one address family; its entries tell which. */
function familyOf(
  source: Permission['source'],
  prefixLists: ReadonlyMap<string, PrefixListInfo>,
): Family | undefined {
  if (source.kind === 'cidr4') return 4;
  if (source.kind === 'cidr6') return 6;
  const entries = prefixLists.get(source.prefixListId)?.entries ?? [];
  const families = new Set(entries.flatMap((e) => parseCidr(e)?.family ?? []));
  return families.size === 1 ? [...families][0] : undefined;
}

function describeList(source: Permission['source']): string {
  return source.kind === 'prefix-list' ? `prefix list ${source.prefixListId}` : 'the source';
}
