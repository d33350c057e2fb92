// Mutations of real-shaped CloudTrail events, the way odd producers, forwarders and future CloudTrail
// versions might change them: keys dropped, types changed, lists wrapped and unwrapped, odd protocols,
// ports, CIDRs and ids. They reach request parameters and response elements only.
import fc from 'fast-check';

type Json = Record<string, unknown>;

const ODD_VALUES: readonly [RegExp, readonly unknown[]][] = [
  [
    /protocol/i,
    ['TCP', ' tcp', '6', 6, '-1', -1, 'all', 'ssh', '', null, '256', '17', 'icmp', {}, 'constructor'],
  ],
  [/port/i, [-1, 65536, '22', 22.5, '0', null, 'x', 1e9, -22, 0, 65535, []]],
  [
    /cidr/i,
    [
      '0.0.0.0/0 ',
      '0.0.0.0/00',
      '::ffff:0.0.0.0/96',
      '203.0.113.9/0',
      '1.2.3.4',
      '0/0',
      'abc',
      '',
      '0.0.0.0/33',
      '::/0',
      '10.0.0.0/8',
      'fe80::/0',
      '0.0.0.0/0',
      7,
    ],
  ],
  [/groupid|ruleid/i, ['', 'sg-XYZ', 'sgr-0', 42, null, 'sg-0123456789abcdef0']],
  [/egress/i, ['true', 'false', 1, null]],
  [/./, [0, '', {}, [], true, null, 'x']],
];

export type Mutation =
  | {
      readonly op: 'drop' | 'null' | 'retype' | 'wrap-items' | 'unwrap-items' | 'wrap-array';
      readonly at: number;
    }
  | { readonly op: 'odd-value'; readonly at: number; readonly pick: number };

export const arbMutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    fc.record({
      op: fc.constantFrom('drop', 'null', 'retype', 'wrap-items', 'unwrap-items', 'wrap-array' as const),
      at: fc.nat(),
    }),
    fc.record({ op: fc.constant('odd-value' as const), at: fc.nat(), pick: fc.nat() }),
  ) as fc.Arbitrary<Mutation>,
  { minLength: 1, maxLength: 3 },
);

type Slot = { parent: Json | unknown[]; key: string | number; name: string };

/** Every value slot under `root`, parents before children, in a stable order. */
function slotsOf(root: unknown, name = ''): Slot[] {
  if (typeof root !== 'object' || root === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(root)
    ? root.map((v, i) => [i, v])
    : Object.entries(root);
  return entries.flatMap(([key, value]) => [
    { parent: root as Json, key, name: typeof key === 'number' ? name : key },
    ...slotsOf(value, typeof key === 'number' ? name : key),
  ]);
}

function retype(value: unknown): unknown {
  if (typeof value === 'string') return /^-?\d+$/.test(value) ? Number(value) : value.length;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value[0] ?? {};
  if (value && typeof value === 'object') return [value];
  return 'null';
}

const DROP = Symbol('drop');

/** The value `m` puts in place of `value` (a slot named `name`), or DROP to remove the slot. */
function mutatedValue(value: unknown, name: string, m: Mutation): unknown {
  switch (m.op) {
    case 'drop':
      return DROP;
    case 'null':
      return null;
    case 'retype':
      return retype(value);
    case 'wrap-items':
      return { items: Array.isArray(value) ? value : [value] };
    case 'unwrap-items':
      return value && typeof value === 'object' && 'items' in value ? (value as Json).items : value;
    case 'wrap-array':
      return [value];
    case 'odd-value': {
      const [, values] = ODD_VALUES.find(([re]) => re.test(name)) as [RegExp, readonly unknown[]];
      return values[m.pick % values.length];
    }
  }
}

function apply({ parent, key, name }: Slot, m: Mutation): void {
  const next = mutatedValue((parent as Record<string | number, unknown>)[key], name, m);
  if (next !== DROP) (parent as Record<string | number, unknown>)[key] = next;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key as string];
}

/** A mutated copy of the event: the mutations hit request parameters and response elements only. */
export function mutateEvent<T extends { detail: Json }>(event: T, mutations: readonly Mutation[]): T {
  const copy = structuredClone(event);
  const keys = ['requestParameters', 'responseElements'] as const;
  // Held by one object, so that a root can be dropped, nulled or retyped like any other value.
  const roots: Json = Object.fromEntries(keys.map((k) => [k, copy.detail[k]]));
  for (const m of mutations) {
    const slots = slotsOf(roots);
    const slot = slots[m.at % slots.length];
    if (slot) apply(slot, m);
  }
  for (const k of keys) {
    if (k in roots) copy.detail[k] = roots[k];
    else delete copy.detail[k];
  }
  return copy;
}
