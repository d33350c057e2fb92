import { containsPort } from '../model/port-range.js';
import type { Rule } from '../model/rule.js';
import type { Permission } from './permission.js';

/** The region's EC2 Instance Connect managed prefix lists, as looked up before planning. */
export interface EicPrefixLists {
  readonly region: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  /** The lookup failed (`Code: message`); replacement then falls back to revoke. */
  readonly error?: string;
}

/** AWS names them; customers cannot create `com.amazonaws.*` lists. */
export function eicPrefixListNames(region: string): { readonly ipv4: string; readonly ipv6: string } {
  return {
    ipv4: `com.amazonaws.${region}.ec2-instance-connect`,
    ipv6: `com.amazonaws.${region}.ipv6.ec2-instance-connect`,
  };
}

/** EC2 Instance Connect reaches instances on the SSH port only. */
export const EIC_PORT = 22;
export const EIC_DESCRIPTION = 'EC2 Instance Connect (added by ssh-ingress-guard)';

export type Replacement =
  | { readonly ok: true; readonly add: Permission }
  | { readonly ok: false; readonly reason: string };

/**
 * tcp/22 from the region's EIC list of the rule's address family (IPv6 list for an IPv6 source,
 * IPv4 list otherwise), or why there is none: the caller then revokes without a replacement.
 */
export function eicReplacement(rule: Rule, eic: EicPrefixLists | undefined): Replacement {
  if (!eic) return { ok: false, reason: 'the EC2 Instance Connect prefix lists were not looked up' };
  if (eic.error) {
    return { ok: false, reason: `looking up the EC2 Instance Connect prefix list failed (${eic.error})` };
  }
  if (!containsPort(rule.ports, EIC_PORT)) {
    return { ok: false, reason: `the rule did not open tcp/${EIC_PORT}, the port EC2 Instance Connect uses` };
  }
  const ipv6 = rule.source.kind === 'cidr6';
  const listId = ipv6 ? eic.ipv6 : eic.ipv4;
  if (!listId) {
    const name = eicPrefixListNames(eic.region)[ipv6 ? 'ipv6' : 'ipv4'];
    return { ok: false, reason: `${eic.region} has no EC2 Instance Connect prefix list ${name}` };
  }
  return {
    ok: true,
    add: {
      protocol: 'tcp',
      ports: { from: EIC_PORT, to: EIC_PORT },
      source: { kind: 'prefix-list', prefixListId: listId },
      description: EIC_DESCRIPTION,
    },
  };
}
