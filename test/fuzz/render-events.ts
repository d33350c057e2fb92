// Real-shaped CloudTrail events for the fuzz suites: rules from the oracle's arbitraries rendered in
// every form CloudTrail has written (response rule set, request only, legacy flat form, ModifySecurityGroupRules).
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
