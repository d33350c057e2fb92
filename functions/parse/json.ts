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
 * Real records wrap once; unwrapping stops after a few levels (a loop, not recursion, so no input
 * can exhaust the stack) and what is still wrapped is handed on as one element, which no parser
 * takes for a rule: the event is reported as unparsed, never read as "no rules".
 */
export function items(value: unknown): Json[] {
  const { inner, exhausted } = unwrapList(value);
  if (Array.isArray(inner)) return inner.filter(isObject);
  if (!isObject(inner)) return [];
  return exhausted || Object.keys(inner).length > 0 ? [inner] : [];
}

/**
 * The elements of a list however the record wraps it, as `items` unwraps it, but keeping elements
 * that are not objects (a bare string) so a parser can report them instead of dropping them. Empty
 * shapes (absent, `null`, `""`, `{}`, `[]`) have none; what is still wrapped is one element.
 */
export function listElements(value: unknown): unknown[] {
  const { inner, exhausted } = unwrapList(value);
  if (Array.isArray(inner) && !exhausted) return inner;
  return isEmpty(inner) ? [] : [inner];
}

/**
 * Descends `{items: ...}` / `{item: ...}` wrappers, at most MAX_WRAPPING of them (a loop, so no
 * nesting can exhaust the stack); `exhausted` says the bound stopped it with wrapping left.
 */
function unwrapList(value: unknown): { readonly inner: unknown; readonly exhausted: boolean } {
  let current = value;
  for (let level = 0; level < MAX_WRAPPING; level++) {
    if (!isObject(current)) return { inner: current, exhausted: false };
    if ('items' in current) current = current.items;
    else if ('item' in current) current = current.item;
    else return { inner: current, exhausted: false };
  }
  return { inner: current, exhausted: true };
}

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isObject(value) && Object.keys(value).length === 0);

/** CloudTrail writes `{items: [...]}`, at most `{items: {item: ...}}`; a little room beyond that. */
const MAX_WRAPPING = 4;

/**
 * A value of the record as a reason string may quote it: JSON-like, at most two levels deep, a few
 * entries per level, every text cut short. Records are attacker-shaped (20,000 levels of nesting, a
 * 250 KB string): quoting one with `JSON.stringify` or `String` would overflow the stack or the
 * finding, and the event would fail with no finding at all. Bounded depth, so the recursion is too.
 */
export function describeValue(value: unknown): string {
  const text = describeAt(value, 0);
  return text.length > MAX_DESCRIBED ? `${text.slice(0, MAX_DESCRIBED)}…` : text;
}

function describeAt(value: unknown, depth: number): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > MAX_DESCRIBED ? `${value.slice(0, MAX_DESCRIBED)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (depth >= MAX_DESCRIBED_DEPTH) return '[…]';
    const shown = value.slice(0, MAX_DESCRIBED_ENTRIES).map((v) => describeAt(v, depth + 1));
    return `[${shown.join(',')}${value.length > MAX_DESCRIBED_ENTRIES ? ',…' : ''}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    if (depth >= MAX_DESCRIBED_DEPTH) return '{…}';
    const shown = keys
      .slice(0, MAX_DESCRIBED_ENTRIES)
      .map((k) => `${describeAt(k, depth + 1)}:${describeAt(value[k], depth + 1)}`);
    return `{${shown.join(',')}${keys.length > MAX_DESCRIBED_ENTRIES ? ',…' : ''}}`;
  }
  return typeof value;
}

/** Enough to recognise what was sent; a reason is read by people, not parsed. */
const MAX_DESCRIBED = 120;
const MAX_DESCRIBED_DEPTH = 2;
const MAX_DESCRIBED_ENTRIES = 5;

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(error: string): Parsed<T> => ({ ok: false, error });
