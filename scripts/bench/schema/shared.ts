/**
 * What each prototype reader returns, so the hand-written, zod and valibot versions can be compared
 * answer for answer (test/scripts/schema-prototypes.test.ts) and measured (scripts/bench-schema.ts).
 */
export type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export interface ExemptionEntry {
  readonly groupId: string;
  readonly cidr?: string;
  readonly reason: string;
  readonly expires: string;
  readonly approvedBy: string;
}

/** One CloudTrail `ipPermissions` item, flattened: the shape the guard's parsers need from it. */
export interface Permission {
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: readonly string[];
}

export interface Readers {
  /** The EXEMPTIONS variable: strict (a configuration is refused, never guessed). */
  readExemptions(text: string): Read<ExemptionEntry[]>;
  /** `requestParameters.ipPermissions`: tolerant (CloudTrail's `items`, `{}` for empty, numbers as strings). */
  readPermissions(raw: unknown): Read<Permission[]>;
}

export const GROUP_ID = /^sg-[0-9a-f]{8,17}$/;
export const ISO_EXPIRY = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
export const EXEMPTION_KEYS = ['groupId', 'cidr', 'reason', 'expires', 'approvedBy'] as const;
