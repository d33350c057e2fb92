/** Tiny XML writer and AWS query-protocol parameter readers. */

export type Params = Record<string, string>;

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `<name>value</name>`, or nothing when the value is absent. */
export const tag = (name: string, value: string | number | boolean | undefined | null): string =>
  value === undefined || value === null ? '' : `<${name}>${esc(String(value))}</${name}>`;

/** `<name>...children</name>` (children are already XML). */
export const node = (name: string, ...children: string[]): string =>
  `<${name}>${children.join('')}</${name}>`;

/** EC2-style list: `<name><item>..</item>...</name>`. */
export const itemSet = <T>(name: string, items: readonly T[], render: (item: T) => string): string =>
  node(name, ...items.map((i) => node('item', render(i))));

/** Values of `prefix.1`, `prefix.2`, ... in index order. */
export function listParam(params: Params, prefix: string): string[] {
  return [...members(params, prefix).values()].map((m) => m[''] ?? '').filter((v) => v !== '');
}

/**
 * Structured members `prefix.N.rest=value` grouped by N (in index order), each as a record of
 * `rest -> value`; a scalar `prefix.N=value` is stored under the key ''.
 */
export function members(params: Params, prefix: string): Map<number, Params> {
  const out = new Map<number, Params>();
  const head = `${prefix}.`;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(head)) continue;
    const rest = key.slice(head.length);
    const dot = rest.indexOf('.');
    const index = Number(dot === -1 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index)) continue;
    const sub = out.get(index) ?? {};
    sub[dot === -1 ? '' : rest.slice(dot + 1)] = value;
    out.set(index, sub);
  }
  return new Map([...out.entries()].sort(([a], [b]) => a - b));
}

export const structList = (params: Params, prefix: string): Params[] => [...members(params, prefix).values()];

export interface Filter {
  name: string;
  values: string[];
}

/** `Filter.N.Name` / `Filter.N.Value.M`. */
export const filtersOf = (params: Params): Filter[] =>
  structList(params, 'Filter').map((f) => ({ name: f.Name ?? '', values: listParam(f, 'Value') }));
