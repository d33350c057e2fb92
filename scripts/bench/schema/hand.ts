import {
  EXEMPTION_KEYS,
  type ExemptionEntry,
  GROUP_ID,
  ISO_EXPIRY,
  type Permission,
  type Read,
  type Readers,
} from './shared.js';

/** Today's style: small readers over unknown JSON, no library. */
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v)
    ? v
    : typeof v === 'string' && /^-?\d+$/.test(v.trim())
      ? Number(v)
      : undefined;

function items(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter(isObject);
  if (!isObject(v)) return [];
  if ('items' in v) return items(v.items);
  return Object.keys(v).length === 0 ? [] : [v];
}

function readExemptions(raw: string): Read<ExemptionEntry[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (!Array.isArray(parsed)) return { ok: false, error: 'not an array' };
  const out: ExemptionEntry[] = [];
  for (const [i, entry] of parsed.entries()) {
    if (!isObject(entry)) return { ok: false, error: `[${i}] not an object` };
    const unknown = Object.keys(entry).filter((k) => !(EXEMPTION_KEYS as readonly string[]).includes(k));
    if (unknown.length > 0) return { ok: false, error: `[${i}] unknown ${unknown.join(', ')}` };
    const groupId = text(entry.groupId);
    const reason = text(entry.reason);
    const expires = text(entry.expires);
    const approvedBy = text(entry.approvedBy);
    const cidr = text(entry.cidr);
    if (!groupId || !GROUP_ID.test(groupId)) return { ok: false, error: `[${i}] groupId` };
    if (!reason) return { ok: false, error: `[${i}] reason` };
    if (!expires || !ISO_EXPIRY.test(expires)) return { ok: false, error: `[${i}] expires` };
    if (!approvedBy) return { ok: false, error: `[${i}] approvedBy` };
    out.push({ groupId, reason, expires, approvedBy, ...(cidr ? { cidr } : {}) });
  }
  return { ok: true, value: out };
}

function readPermissions(raw: unknown): Read<Permission[]> {
  const out: Permission[] = [];
  for (const p of items(raw)) {
    const protocol = typeof p.ipProtocol === 'number' ? String(p.ipProtocol) : text(p.ipProtocol);
    if (!protocol) return { ok: false, error: 'ipProtocol' };
    const fromPort = num(p.fromPort);
    const toPort = num(p.toPort);
    const cidrs = [
      ...items(p.ipRanges).map((r) => text(r.cidrIp)),
      ...items(p.ipv6Ranges).map((r) => text(r.cidrIpv6)),
    ];
    out.push({
      protocol,
      ...(fromPort !== undefined ? { fromPort } : {}),
      ...(toPort !== undefined ? { toPort } : {}),
      cidrs: cidrs.filter((c): c is string => c !== undefined),
    });
  }
  return { ok: true, value: out };
}

export const readers: Readers = { readExemptions, readPermissions };
