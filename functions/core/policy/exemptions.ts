import { isWithin, parseCidr } from '../model/cidr.js';
import type { Rule } from '../model/rule.js';
import type { Exemption, PolicyConfig } from './policy-config.js';

/** Tags of security groups, read only when tag exemptions are switched on. */
export type GroupTags = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** An exemption that matched a rule, in the terms the finding reports. */
export interface ExemptionMatch {
  readonly status: 'active' | 'expired';
  /** `configuration`: the security team's EXEMPTIONS; `tag`: a group tag (requester-controlled). */
  readonly origin: 'configuration' | 'tag';
  readonly groupId: string;
  readonly reason: string;
  readonly expires?: string;
  readonly approvedBy?: string;
  readonly cidr?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant an exemption stops applying, or undefined when `expires` is not an ISO date. A bare
 * date (`2026-12-31`) covers that whole day in UTC, which is what a person writing a date means.
 * Strict on purpose: `Date.parse` takes `2026-02-30` as 2 March and a time without zone as local.
 */
export function expiryInstant(expires: string): number | undefined {
  const date = DATE.exec(expires) ?? DATE_TIME.exec(expires);
  if (!date) return undefined;
  const [, y, m, d] = date.map(Number) as [number, number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return undefined;
  const instant = Date.parse(DATE.test(expires) ? `${expires}T23:59:59.999Z` : expires);
  return Number.isNaN(instant) ? undefined : instant;
}

function covers(exemption: Exemption, rule: Rule): boolean {
  if (exemption.groupId !== rule.groupId) return false;
  if (exemption.cidr === undefined) return true;
  if (rule.source.kind !== 'cidr4' && rule.source.kind !== 'cidr6') return false;
  const inner = parseCidr(rule.source.cidr);
  const outer = parseCidr(exemption.cidr);
  return inner !== undefined && outer !== undefined && isWithin(inner, outer);
}

function fromConfiguration(exemption: Exemption, status: ExemptionMatch['status']): ExemptionMatch {
  const { groupId, reason, expires, approvedBy, cidr } = exemption;
  return {
    status,
    origin: 'configuration',
    groupId,
    reason,
    expires,
    ...(approvedBy ? { approvedBy } : {}),
    ...(cidr ? { cidr } : {}),
  };
}

/**
 * An active configured exemption wins. Otherwise, only when the policy honours the exempt tag and
 * the rule would be remediated, a non-empty tag value on its group exempts it. Otherwise an expired
 * configured exemption is returned so the finding can say it no longer applies.
 */
export function findExemption(
  rule: Rule,
  policy: Pick<PolicyConfig, 'exemptions' | 'honorExemptTag' | 'exemptTagKey'>,
  now: Date,
  wouldRemediate: boolean,
  groupTags?: GroupTags,
): ExemptionMatch | undefined {
  const matching = policy.exemptions.filter((e) => covers(e, rule));
  const active = matching.find((e) => (expiryInstant(e.expires) ?? 0) >= now.getTime());
  if (active) return fromConfiguration(active, 'active');
  const tagged =
    wouldRemediate && policy.honorExemptTag ? tagExemption(rule, policy.exemptTagKey, groupTags) : undefined;
  if (tagged) return tagged;
  const expired = matching[0];
  return expired ? fromConfiguration(expired, 'expired') : undefined;
}

function tagExemption(rule: Rule, key: string, groupTags: GroupTags | undefined): ExemptionMatch | undefined {
  if (!rule.groupId) return undefined;
  const value = groupTags?.get(rule.groupId)?.[key]?.trim();
  if (!value) return undefined;
  return { status: 'active', origin: 'tag', groupId: rule.groupId, reason: `tag ${key}=${value}` };
}
