import * as z from 'zod/mini';
import {
  type ExemptionEntry,
  GROUP_ID,
  ISO_EXPIRY,
  type Permission,
  type Read,
  type Readers,
} from './shared.js';

/** The same readers with zod 4's tree-shakable `zod/mini` API. */
const trimmed = z.string().check(z.trim(), z.minLength(1));
const Exemption = z.strictObject({
  groupId: z.string().check(z.trim(), z.minLength(1), z.regex(GROUP_ID)),
  cidr: z.optional(trimmed),
  reason: trimmed,
  expires: z.string().check(z.trim(), z.minLength(1), z.regex(ISO_EXPIRY)),
  approvedBy: trimmed,
});
const Exemptions = z.array(Exemption);

const unwrap = (x: unknown): unknown[] => {
  if (Array.isArray(x)) return x;
  if (typeof x !== 'object' || x === null) return [];
  if ('items' in x) return unwrap((x as { items: unknown }).items);
  return Object.keys(x).length === 0 ? [] : [x];
};
const cidrsOf = (x: unknown, key: string): string[] =>
  unwrap(x).flatMap((e) => {
    const r = z.safeParse(z.looseObject({ [key]: trimmed }), e);
    return r.success ? [r.data[key] as string] : [];
  });
const port = z.catch(
  z.optional(z.union([z.number(), z.pipe(z.string().check(z.regex(/^-?\d+$/)), z.transform(Number))])),
  undefined,
);
const PermissionSchema = z.looseObject({
  ipProtocol: z.union([z.pipe(z.number(), z.transform(String)), trimmed]),
  fromPort: port,
  toPort: port,
});

function readExemptions(text: string): Read<ExemptionEntry[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const r = z.safeParse(Exemptions, parsed);
  if (r.success)
    return { ok: true, value: r.data.map(({ cidr, ...e }) => ({ ...e, ...(cidr ? { cidr } : {}) })) };
  return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

function readPermissions(raw: unknown): Read<Permission[]> {
  const value: Permission[] = [];
  for (const x of unwrap(raw)) {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) continue;
    const r = z.safeParse(PermissionSchema, x);
    if (!r.success) return { ok: false, error: 'ipProtocol' };
    const p = r.data;
    const record = x as Record<string, unknown>;
    value.push({
      protocol: p.ipProtocol,
      ...(p.fromPort !== undefined ? { fromPort: p.fromPort } : {}),
      ...(p.toPort !== undefined ? { toPort: p.toPort } : {}),
      cidrs: [...cidrsOf(record.ipRanges, 'cidrIp'), ...cidrsOf(record.ipv6Ranges, 'cidrIpv6')],
    });
  }
  return { ok: true, value };
}

export const readers: Readers = { readExemptions, readPermissions };
