import * as v from 'valibot';
import { type Family, parseCidr } from '../core/model/cidr.js';
import { expiryInstant } from '../core/policy/exemptions.js';
import { isNonRoutable } from '../core/policy/non-routable.js';
import type { Exemption } from '../core/policy/policy-config.js';
import { ConfigError, type Env, value } from './env.js';

export type WorldPrefix = Readonly<Record<Family, number>>;

const EXEMPTION_FORM =
  'a JSON array of {"groupId":"sg-...","cidr"?:"203.0.113.0/24","reason":"...","expires":"YYYY-MM-DD","approvedBy":"..."}';

/** Each field's accepted form, in the order a refusal names them (the first wrong one is named). */
const ACCEPTED = {
  groupId: 'groupId like "sg-0123456789abcdef0"',
  reason: 'a non-empty "reason"',
  expires: '"expires" as an ISO date, e.g. "2026-12-31" or "2026-12-31T18:00:00Z" (a time needs its zone)',
  // The finding names who approved the exception; an exemption nobody owns is never reviewed.
  approvedBy: 'a non-empty "approvedBy" (who approved it)',
  cidr: '"cidr" as an IPv4/IPv6 CIDR',
} as const;
type Field = keyof typeof ACCEPTED;

const text = v.pipe(v.string(), v.trim(), v.minLength(1));
const ENTRY = v.strictObject({
  groupId: v.pipe(text, v.regex(/^sg-[0-9a-f]{8,17}$/)),
  reason: text,
  expires: v.pipe(
    text,
    v.check((expires) => expiryInstant(expires) !== undefined),
  ),
  approvedBy: text,
  // A blank or unreadable cidr is refused: read as "no cidr" it would exempt the whole group.
  cidr: v.optional(
    v.pipe(
      text,
      v.check((cidr) => parseCidr(cidr) !== undefined),
    ),
  ),
});
const LIST = v.pipe(v.string(), v.parseJson(), v.array(v.unknown()));

/** EXEMPTIONS: the security team's list; one bad entry stops the function, naming its index. */
export function parseExemptions(env: Env, name: string, worldPrefix: WorldPrefix): Exemption[] {
  const raw = value(env, name);
  if (raw === undefined) return [];
  const list = v.safeParse(LIST, raw);
  if (!list.success) throw new ConfigError(name, EXEMPTION_FORM, raw);
  return list.output.map((entry, index) => toExemption(entry, `${name}[${index}]`, worldPrefix));
}

function toExemption(entry: unknown, where: string, worldPrefix: WorldPrefix): Exemption {
  const shown = JSON.stringify(entry);
  const read = v.safeParse(ENTRY, typeof entry === 'object' && entry !== null ? entry : {});
  if (!read.success) throw new ConfigError(where, firstRefusal(read.issues), shown);
  const { cidr, ...rest } = read.output;
  // An exemption as wide as the world would switch the guard off for the group: refused like a
  // world-sized trusted CIDR. Private space of any size is no exposure and stays accepted.
  const range = cidr === undefined ? undefined : parseCidr(cidr);
  if (range && range.prefix <= worldPrefix[range.family] && !isNonRoutable(range))
    throw new ConfigError(
      where,
      `a "cidr" narrower than the world bound /${worldPrefix[range.family]} (or no cidr, for the whole group)`,
      shown,
    );
  return { ...rest, ...(cidr !== undefined ? { cidr } : {}) };
}

/** Unknown keys first: a misspelt "approvedby" should be named as such, not as a missing approver. */
function firstRefusal(issues: readonly v.BaseIssue<unknown>[]): string {
  const keys = issues.map((issue) => String(issue.path?.[0]?.key ?? ''));
  const unknown = keys.filter((key) => key !== '' && !(key in ACCEPTED));
  if (unknown.length > 0)
    return `only groupId, cidr, reason, expires, approvedBy (not ${unknown.join(', ')})`;
  const field = (Object.keys(ACCEPTED) as Field[]).find((f) => keys.includes(f)) ?? 'groupId';
  return ACCEPTED[field];
}
