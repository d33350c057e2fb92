// Real-shaped CloudTrail events for the fuzz suites: rules from the oracle's arbitraries rendered in
// every form SPEC §3 lists, then mutated the way odd producers, forwarders and future CloudTrail
// versions might: keys dropped, types changed, lists wrapped and unwrapped, odd protocols, ports, CIDRs.
import fc from 'fast-check';
import { type ArbRule, arbRule } from '../oracle/arbitraries.js';
import { cloudTrailEvent } from '../support/events.js';
import type { RegionState } from '../support/fake-aws/index.js';

type Json = Record<string, unknown>;
export type Form = 'rule-set' | 'request-only' | 'legacy' | 'modify';

const GROUP = 'sg-0f1e2d3c4b5a69788';

function sourceOf(r: ArbRule, keys: 'ruleSet' | 'modify'): Json {
  if (r.CidrIpv4 !== undefined)
    return keys === 'ruleSet' ? { cidrIpv4: r.CidrIpv4 } : { CidrIpv4: r.CidrIpv4 };
  if (r.CidrIpv6 !== undefined)
    return keys === 'ruleSet' ? { cidrIpv6: r.CidrIpv6 } : { CidrIpv6: r.CidrIpv6 };
  if (r.PrefixListId !== undefined)
    return keys === 'ruleSet' ? { prefixListId: r.PrefixListId } : { PrefixListId: r.PrefixListId };
  const groupId = r.ReferencedGroupInfo?.GroupId;
  return keys === 'ruleSet' ? { referencedGroupInfo: { groupId } } : { ReferencedGroupId: groupId };
}

const ports = (r: ArbRule, from: string, to: string): Json => ({
  ...(r.FromPort === undefined ? {} : { [from]: r.FromPort }),
  ...(r.ToPort === undefined ? {} : { [to]: r.ToPort }),
});

function permissionOf(r: ArbRule): Json {
  const one = (key: string, item: Json) => ({ [key]: { items: [item] } });
  const source =
    r.CidrIpv4 !== undefined
      ? one('ipRanges', { cidrIp: r.CidrIpv4 })
      : r.CidrIpv6 !== undefined
        ? one('ipv6Ranges', { cidrIpv6: r.CidrIpv6 })
        : r.PrefixListId !== undefined
          ? one('prefixListIds', { prefixListId: r.PrefixListId })
          : one('groups', { groupId: r.ReferencedGroupInfo?.GroupId });
  return {
    ipProtocol: r.IpProtocol,
    ...ports(r, 'fromPort', 'toPort'),
    groups: {},
    ipRanges: {},
    ipv6Ranges: {},
    prefixListIds: {},
    ...source,
  };
}

/** The CloudTrail record of the call that made `rules` (all in one group) what they are. */
export function renderEvent(form: Form, rules: readonly ArbRule[], eventId: string) {
  const ruleSetItems = rules.map((r) => ({
    groupOwnerId: '123456789012',
    groupId: GROUP,
    securityGroupRuleId: r.SecurityGroupRuleId,
    isEgress: r.IsEgress,
    ipProtocol: r.IpProtocol,
    ...ports(r, 'fromPort', 'toPort'),
    ...sourceOf(r, 'ruleSet'),
  }));
  const request = { groupId: GROUP, ipPermissions: { items: rules.map(permissionOf) } };
  const extra = { eventID: eventId };
  const authorize = (req: Json, res: Json) =>
    cloudTrailEvent('AuthorizeSecurityGroupIngress', req, res, extra);
  const bare = { requestId: 'r-1', _return: true };
  switch (form) {
    case 'rule-set':
      return authorize(request, { ...bare, securityGroupRuleSet: { items: ruleSetItems } });
    case 'request-only':
      return authorize(request, bare);
    case 'legacy': {
      const [r] = rules as [ArbRule];
      return authorize(
        {
          groupId: GROUP,
          ipPermissions: {},
          cidrIp: r.CidrIpv4 ?? '0.0.0.0/0',
          ipProtocol: r.IpProtocol,
          ...ports(r, 'fromPort', 'toPort'),
        },
        bare,
      );
    }
    case 'modify': {
      const entries = rules.map((r, i) => ({
        SecurityGroupRuleId: r.SecurityGroupRuleId,
        tag: i + 1,
        SecurityGroupRule: {
          IpProtocol: r.IpProtocol,
          ...ports(r, 'FromPort', 'ToPort'),
          ...sourceOf(r, 'modify'),
        },
      }));
      return cloudTrailEvent(
        'ModifySecurityGroupRules',
        {
          ModifySecurityGroupRulesRequest: {
            GroupId: GROUP,
            SecurityGroupRule: entries.length === 1 ? entries[0] : entries,
          },
        },
        { ModifySecurityGroupRulesResponse: { requestId: 'r-1', return: true } },
        extra,
      );
    }
  }
}

/** Puts `rules` into the account as DescribeSecurityGroupRules would return them. */
export function seedRules(region: RegionState, rules: readonly ArbRule[]): void {
  if (!region.groups.has(GROUP)) region.addGroup({ GroupId: GROUP });
  for (const r of rules)
    region.addRule({ ...r, GroupId: GROUP, FromPort: r.FromPort ?? -1, ToPort: r.ToPort ?? -1 });
}

/**
 * A generated scenario: the rules an event describes and what EC2 holds now. For a Modify the
 * current state may differ from the request (reordered or later changes), so both are generated.
 */
export interface Scenario {
  readonly form: Form;
  readonly described: readonly ArbRule[];
  readonly current: readonly ArbRule[];
}

export const arbScenario: fc.Arbitrary<Scenario> = fc
  .record({
    form: fc.constantFrom<Form>('rule-set', 'rule-set', 'request-only', 'legacy', 'modify', 'modify'),
    described: fc.uniqueArray(arbRule, {
      minLength: 1,
      maxLength: 4,
      selector: (r) => r.SecurityGroupRuleId,
    }),
    later: fc.array(fc.option(arbRule, { nil: undefined }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ form, described, later }) => {
    // The legacy flat form holds one IPv4 permission and never says egress.
    const rules =
      form === 'legacy'
        ? [
            {
              ...(described[0] as ArbRule),
              IsEgress: false,
              CidrIpv6: undefined,
              PrefixListId: undefined,
              ReferencedGroupInfo: undefined,
              CidrIpv4: described[0]?.CidrIpv4 ?? '0.0.0.0/0',
            },
          ]
        : described;
    const current = rules.map((r, i) => {
      const next = form === 'modify' ? later[i] : undefined;
      return next ? { ...next, SecurityGroupRuleId: r.SecurityGroupRuleId, GroupId: r.GroupId } : r;
    });
    return { form, described: rules, current };
  });

// ---------------------------------------------------------------------------------------------
// Mutations

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
