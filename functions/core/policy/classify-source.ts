import { type Cidr, formatCidr, isCoveredBy, isWithin, parseCidr } from '../model/cidr.js';
import type { PrefixListInfo } from '../model/prefix-list.js';
import type { Source } from '../model/rule.js';
import { isNonRoutable, NON_ROUTABLE } from './non-routable.js';
import type { PolicyConfig } from './policy-config.js';

export type { PrefixListInfo } from '../model/prefix-list.js';

export type SourceClass =
  | 'group-reference'
  | 'eic'
  | 'non-routable'
  | 'trusted'
  | 'public'
  | 'unresolved'
  | 'world';

export interface Classification {
  readonly sourceClass: SourceClass;
  /** Why, in words a security engineer reads in the finding. */
  readonly detail: string;
  /** The CIDR that decided (for prefix lists: the worst entry). */
  readonly cidr?: string;
}

export interface SourceContext {
  readonly policy: PolicyConfig;
  readonly region: string;
  readonly prefixLists: ReadonlyMap<string, PrefixListInfo>;
}

const RANK: Record<SourceClass, number> = {
  'group-reference': 0,
  eic: 0,
  'non-routable': 0,
  trusted: 0,
  public: 1,
  unresolved: 1,
  world: 2,
};

export function isCompliantClass(sourceClass: SourceClass): boolean {
  return RANK[sourceClass] === 0;
}

export function classifySource(source: Source, ctx: SourceContext): Classification {
  switch (source.kind) {
    case 'group': {
      return { sourceClass: 'group-reference', detail: `security group reference ${source.groupId}` };
    }
    case 'prefix-list':
      return classifyPrefixList(source.prefixListId, ctx);
    case 'cidr4':
    case 'cidr6': {
      const cidr = parseCidr(source.cidr);
      if (!cidr)
        return { sourceClass: 'unresolved', detail: `unparseable CIDR ${source.cidr}`, cidr: source.cidr };
      return classifyCidr(cidr, ctx.policy);
    }
  }
}

export function classifyCidr(cidr: Cidr, policy: PolicyConfig): Classification {
  const text = formatCidr(cidr);
  if (isNonRoutable(cidr))
    return { sourceClass: 'non-routable', detail: `${text} (not internet-routable)`, cidr: text };
  // World-sized before any trust: no trusted range, alone or with others and private space, makes a
  // world-sized source compliant (configuration refuses trusted ranges that reach the bound, alone or
  // together, but private space may complete them, and a policy may be built without that check).
  const bound = policy.worldPrefix[cidr.family];
  if (cidr.prefix <= bound) {
    return {
      sourceClass: 'world',
      detail: `${text} (public, world-sized: /${cidr.prefix} is at most /${bound})`,
      cidr: text,
    };
  }
  const trusted = policy.trustedCidrs.find((t) => isWithin(cidr, t.cidr));
  if (trusted)
    return { sourceClass: 'trusted', detail: `${text} (inside trusted ${trusted.text})`, cidr: text };
  // Several trusted ranges, or trusted plus private space, may together hold the whole source
  // (with nothing trusted, that space is the non-routable space already ruled out above).
  const trustedAndPrivate = () => [...NON_ROUTABLE[cidr.family], ...policy.trustedCidrs.map((t) => t.cidr)];
  if (policy.trustedCidrs.length > 0 && isCoveredBy(cidr, trustedAndPrivate())) {
    return {
      sourceClass: 'trusted',
      detail: `${text} (wholly inside trusted and private ranges)`,
      cidr: text,
    };
  }
  return { sourceClass: 'public', detail: `${text} (public, not trusted)`, cidr: text };
}

/** The region's EC2 Instance Connect lists are AWS-owned; customers cannot create `com.amazonaws.*` names. */
export function isEicPrefixList(list: PrefixListInfo, region: string): boolean {
  return (
    list.ownerId === 'AWS' &&
    (list.name === `com.amazonaws.${region}.ec2-instance-connect` ||
      list.name === `com.amazonaws.${region}.ipv6.ec2-instance-connect`)
  );
}

function classifyPrefixList(id: string, ctx: SourceContext): Classification {
  const list = ctx.prefixLists.get(id);
  if (list && isEicPrefixList(list, ctx.region)) {
    return { sourceClass: 'eic', detail: `EC2 Instance Connect prefix list ${id}` };
  }
  if (!list?.entries) {
    return {
      sourceClass: 'unresolved',
      detail: `prefix list ${id} could not be read${list?.error ? `: ${list.error}` : ''}`,
    };
  }
  const named = list.name ? `${id} (${list.name})` : id;
  const worst = list.entries
    .map((entry) => classifyEntry(entry, ctx.policy))
    .reduce<Classification | undefined>(
      (w, c) => (!w || RANK[c.sourceClass] > RANK[w.sourceClass] ? c : w),
      undefined,
    );
  if (!worst) return { sourceClass: 'non-routable', detail: `prefix list ${named} is empty` };
  return { ...worst, detail: `prefix list ${named}, entry ${worst.detail}` };
}

function classifyEntry(entry: string, policy: PolicyConfig): Classification {
  const cidr = parseCidr(entry);
  return cidr
    ? classifyCidr(cidr, policy)
    : { sourceClass: 'unresolved', detail: `unparseable entry ${entry}`, cidr: entry };
}
