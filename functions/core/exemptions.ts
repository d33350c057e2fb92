import { isWithin, parseCidr } from './cidr.js';
import type { Exemption } from './policy-config.js';
import type { Rule } from './rule.js';

export interface ExemptionMatch {
  readonly status: 'active' | 'expired';
  readonly exemption: Exemption;
}

/**
 * The instant an exemption stops applying. A bare date (`2026-12-31`) covers that whole day in UTC,
 * which is what a person writing a date means.
 */
export function expiryInstant(expires: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(expires);
  return Date.parse(dateOnly ? `${expires}T23:59:59.999Z` : expires);
}

function covers(exemption: Exemption, rule: Rule): boolean {
  if (exemption.groupId !== rule.groupId) return false;
  if (exemption.cidr === undefined) return true;
  if (rule.source.kind !== 'cidr4' && rule.source.kind !== 'cidr6') return false;
  const inner = parseCidr(rule.source.cidr);
  const outer = parseCidr(exemption.cidr);
  return inner !== undefined && outer !== undefined && isWithin(inner, outer);
}

/** An active exemption wins; otherwise an expired one is returned so the finding can say so. */
export function findExemption(
  rule: Rule,
  exemptions: readonly Exemption[],
  now: Date,
): ExemptionMatch | undefined {
  const matching = exemptions.filter((e) => covers(e, rule));
  const active = matching.find((e) => expiryInstant(e.expires) >= now.getTime());
  if (active) return { status: 'active', exemption: active };
  const expired = matching[0];
  return expired ? { status: 'expired', exemption: expired } : undefined;
}
