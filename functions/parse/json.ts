/** Small readers for untyped JSON, so parsers state what they expect instead of casting. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * An EC2 id as EC2 writes it (`sg-` or `sgr-` and lowercase hex). Anything else is not a shape the
 * guard understands: acting on it, or putting it into a finding, would be a guess.
 */
export function ec2Id(value: unknown, prefix: 'sg' | 'sgr'): string | undefined {
  const id = str(value);
  return id && new RegExp(`^${prefix}-[0-9a-f]+$`).test(id) ? id : undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

export function obj(value: unknown): Json | undefined {
  return isObject(value) ? value : undefined;
}

/**
 * CloudTrail wraps lists as `{items: [...]}`, writes an empty one as `{}`, sometimes omits the key,
 * and XML-derived records hold a lone element as an object instead of an array. All become arrays.
 */
export function items(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter(isObject);
  if (!isObject(value)) return [];
  if ('items' in value) return items(value.items);
  if ('item' in value) return items(value.item);
  return Object.keys(value).length === 0 ? [] : [value];
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(error: string): Parsed<T> => ({ ok: false, error });
