import type { Cidr } from '../model/cidr.js';

/** How a violation is remediated (docs/modes.md). `report` changes nothing. */
export type RemediationMode = 'revoke' | 'narrow' | 'replace-with-eic' | 'report';

export const REMEDIATION_MODES: readonly RemediationMode[] = [
  'revoke',
  'narrow',
  'replace-with-eic',
  'report',
];

export interface Exemption {
  readonly groupId: string;
  /** When present the exemption covers only sources inside this range. */
  readonly cidr?: string;
  readonly reason: string;
  /** ISO date or date-time; the exemption no longer applies after it. */
  readonly expires: string;
  /** Who in the security team approved it. */
  readonly approvedBy: string;
}

export interface TrustedCidr {
  readonly text: string;
  readonly cidr: Cidr;
}

/** The policy as data. The security team owns every value; nothing a requester sets can change it. */
export interface PolicyConfig {
  readonly watchedPorts: readonly number[];
  readonly trustedCidrs: readonly TrustedCidr[];
  /** A public source whose prefix is at most this long is "the world" (defaults /8 and /32). */
  readonly worldPrefix: { readonly 4: number; readonly 6: number };
  /** Remediate public, untrusted, non-world sources too (off: they get a review finding). */
  readonly remediatePublicSources: boolean;
  readonly exemptions: readonly Exemption[];
  /**
   * Honour a tag on the group as an exemption. Off by default: whoever can open a port can usually
   * tag the group, so the requester would be exempting themselves.
   */
  readonly honorExemptTag: boolean;
  readonly exemptTagKey: string;
}

export const DEFAULT_WATCHED_PORTS: readonly number[] = [22];
export const DEFAULT_WORLD_PREFIX = { 4: 8, 6: 32 } as const;
export const DEFAULT_EXEMPT_TAG_KEY = 'ssh-ingress-guard:exempt';
