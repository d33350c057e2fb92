import { parseCidr } from '../core/model/cidr.js';
import { expiryInstant } from '../core/policy/exemptions.js';
import type { Exemption } from '../core/policy/policy-config.js';
import { ConfigError, type Env, value } from './env.js';

const EXEMPTION_FORM =
  'a JSON array of {"groupId":"sg-...","cidr"?:"203.0.113.0/24","reason":"...","expires":"YYYY-MM-DD","approvedBy":"..."}';

/** EXEMPTIONS: the security team's list; one bad entry stops the function, naming its index. */
export function parseExemptions(env: Env, name: string): Exemption[] {
  const raw = value(env, name);
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, EXEMPTION_FORM, raw);
  }
  if (!Array.isArray(parsed)) throw new ConfigError(name, EXEMPTION_FORM, raw);
  return parsed.map((entry, index) => toExemption(entry, `${name}[${index}]`));
}

function toExemption(entry: unknown, where: string): Exemption {
  const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const shown = JSON.stringify(entry);
  // Unknown keys first: a misspelt "approvedby" should be named as such, not as a missing approver.
  const unknown = Object.keys(e).filter(
    (k) => !['groupId', 'cidr', 'reason', 'expires', 'approvedBy'].includes(k),
  );
  if (unknown.length > 0)
    throw new ConfigError(
      where,
      `only groupId, cidr, reason, expires, approvedBy (not ${unknown.join(', ')})`,
      shown,
    );
  const text = (key: string) =>
    typeof e[key] === 'string' && (e[key] as string).trim() !== '' ? (e[key] as string).trim() : undefined;
  const groupId = text('groupId');
  const reason = text('reason');
  const expires = text('expires');
  const cidr = text('cidr');
  const approvedBy = text('approvedBy');
  if (!groupId || !/^sg-[0-9a-f]{8,17}$/.test(groupId))
    throw new ConfigError(where, 'groupId like "sg-0123456789abcdef0"', shown);
  if (!reason) throw new ConfigError(where, 'a non-empty "reason"', shown);
  if (!expires || expiryInstant(expires) === undefined)
    throw new ConfigError(
      where,
      '"expires" as an ISO date, e.g. "2026-12-31" or "2026-12-31T18:00:00Z" (a time needs its zone)',
      shown,
    );
  // The finding names who approved the exception; an exemption nobody owns is never reviewed.
  if (!approvedBy) throw new ConfigError(where, 'a non-empty "approvedBy" (who approved it)', shown);
  if (cidr !== undefined && !parseCidr(cidr))
    throw new ConfigError(where, '"cidr" as an IPv4/IPv6 CIDR', shown);
  return { groupId, reason, expires, approvedBy, ...(cidr ? { cidr } : {}) };
}
