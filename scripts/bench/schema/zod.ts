import { z } from 'zod';
import {
  type ExemptionEntry,
  GROUP_ID,
  ISO_EXPIRY,
  type Permission,
  type Read,
  type Readers,
} from './shared.js';

/** The same readers with zod 4 (classic API). */
const trimmed = z.string().trim().min(1);
const Exemption = z.strictObject({
  groupId: trimmed.regex(GROUP_ID),
  cidr: trimmed.optional(),
  reason: trimmed,
  expires: trimmed.regex(ISO_EXPIRY),
  approvedBy: trimmed,
});
const Exemptions = z.array(Exemption);

// CloudTrail's list wrapping: `{items: [...]}`, `{}` for empty, a lone object, or a plain array.
const unwrap = (v: unknown): unknown[] => {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'object' || v === null) return [];
  if ('items' in v) return unwrap((v as { items: unknown }).items);
  return Object.keys(v).length === 0 ? [] : [v];
};
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(unwrap, z.array(z.unknown())).transform((xs) =>
    xs.flatMap((x) => {
      const r = item.safeParse(x);
      return r.success ? [r.data as z.output<T>] : [];
    }),
  );
const port = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .optional()
  .catch(undefined);
const Permissions = listOf(
  z.looseObject({
    ipProtocol: z.union([z.number().transform(String), trimmed]),
    fromPort: port,
    toPort: port,
    ipRanges: listOf(z.looseObject({ cidrIp: trimmed })).optional(),
    ipv6Ranges: listOf(z.looseObject({ cidrIpv6: trimmed })).optional(),
  }),
);

function readExemptions(text: string): Read<ExemptionEntry[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const r = Exemptions.safeParse(parsed);
  if (r.success)
    return { ok: true, value: r.data.map(({ cidr, ...e }) => ({ ...e, ...(cidr ? { cidr } : {}) })) };
  return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

function readPermissions(raw: unknown): Read<Permission[]> {
  // A permission whose protocol cannot be read must fail the whole reading, as the hand reader does.
  const all = unwrap(raw).filter((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
  const r = Permissions.safeParse(raw);
  if (!r.success || r.data.length !== all.length) return { ok: false, error: 'ipProtocol' };
  return {
    ok: true,
    value: r.data.map((p) => ({
      protocol: p.ipProtocol,
      ...(p.fromPort !== undefined ? { fromPort: p.fromPort } : {}),
      ...(p.toPort !== undefined ? { toPort: p.toPort } : {}),
      cidrs: [...(p.ipRanges ?? []).map((x) => x.cidrIp), ...(p.ipv6Ranges ?? []).map((x) => x.cidrIpv6)],
    })),
  };
}

export const readers: Readers = { readExemptions, readPermissions };
