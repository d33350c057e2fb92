import * as v from 'valibot';
import {
  type ExemptionEntry,
  GROUP_ID,
  ISO_EXPIRY,
  type Permission,
  type Read,
  type Readers,
} from './shared.js';

/** The same readers with valibot 1 (one function per check, so a bundle carries only those used). */
const trimmed = v.pipe(v.string(), v.trim(), v.minLength(1));
const Exemption = v.strictObject({
  groupId: v.pipe(trimmed, v.regex(GROUP_ID)),
  cidr: v.optional(trimmed),
  reason: trimmed,
  expires: v.pipe(trimmed, v.regex(ISO_EXPIRY)),
  approvedBy: trimmed,
});
const Exemptions = v.array(Exemption);

// CloudTrail's list wrapping: `{items: [...]}`, `{}` for empty, a lone object, or a plain array.
const unwrap = (x: unknown): unknown[] => {
  if (Array.isArray(x)) return x;
  if (typeof x !== 'object' || x === null) return [];
  if ('items' in x) return unwrap((x as { items: unknown }).items);
  return Object.keys(x).length === 0 ? [] : [x];
};
const listOf = <T extends v.GenericSchema>(item: T) =>
  v.pipe(
    v.unknown(),
    v.transform((x) =>
      unwrap(x).flatMap((e) => {
        const r = v.safeParse(item, e);
        return r.success ? [r.output as v.InferOutput<T>] : [];
      }),
    ),
  );
const port = v.fallback(
  v.optional(v.union([v.number(), v.pipe(v.string(), v.regex(/^-?\d+$/), v.transform(Number))])),
  undefined,
);
const PermissionSchema = v.looseObject({
  ipProtocol: v.union([v.pipe(v.number(), v.transform(String)), trimmed]),
  fromPort: port,
  toPort: port,
  ipRanges: v.optional(listOf(v.looseObject({ cidrIp: trimmed }))),
  ipv6Ranges: v.optional(listOf(v.looseObject({ cidrIpv6: trimmed }))),
});

function readExemptions(text: string): Read<ExemptionEntry[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const r = v.safeParse(Exemptions, parsed);
  if (r.success)
    return { ok: true, value: r.output.map(({ cidr, ...e }) => ({ ...e, ...(cidr ? { cidr } : {}) })) };
  return { ok: false, error: r.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`).join('; ') };
}

function readPermissions(raw: unknown): Read<Permission[]> {
  const value: Permission[] = [];
  for (const x of unwrap(raw)) {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) continue;
    const r = v.safeParse(PermissionSchema, x);
    if (!r.success) return { ok: false, error: 'ipProtocol' };
    const p = r.output;
    value.push({
      protocol: p.ipProtocol,
      ...(p.fromPort !== undefined ? { fromPort: p.fromPort } : {}),
      ...(p.toPort !== undefined ? { toPort: p.toPort } : {}),
      cidrs: [...(p.ipRanges ?? []).map((c) => c.cidrIp), ...(p.ipv6Ranges ?? []).map((c) => c.cidrIpv6)],
    });
  }
  return { ok: true, value };
}

export const readers: Readers = { readExemptions, readPermissions };
