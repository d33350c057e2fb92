import { cloudTrailEvent, ruleSetItem, withRuleSet } from './events.js';
import type { FakeAws } from './fake-aws/index.js';

// One SSH rule, the events that create or rewrite it, and its seeding into the loopback fake: what
// the wire tests and the benchmark drive the built bundle with.

export interface RuleAt {
  readonly groupId: string;
  readonly ruleId: string;
  readonly cidr?: string;
  readonly port?: number;
}

/** Seeds the rule an AuthorizeSecurityGroupIngress created, as EC2 now holds it. */
export function seedRule(fake: FakeAws, { groupId, ruleId, cidr = '0.0.0.0/0', port = 22 }: RuleAt): void {
  const region = fake.state.region();
  // A VPC of its own, as most groups are: there EC2 answers a revoke of a permission the group no
  // longer holds with InvalidPermission.NotFound.
  if (!region.groups.has(groupId)) region.addGroup({ GroupId: groupId, VpcId: 'vpc-0a1b2c3d4e5f6a7b8' });
  const source = cidr.includes(':') ? { CidrIpv6: cidr } : { CidrIpv4: cidr };
  region.addRule({
    GroupId: groupId,
    SecurityGroupRuleId: ruleId,
    IpProtocol: 'tcp',
    FromPort: port,
    ToPort: port,
    ...source,
  });
}

/** The CloudTrail event (with its complete rule set) of the call that created `rule`. */
export function authorizeEvent(eventId: string, { groupId, ruleId, cidr = '0.0.0.0/0', port = 22 }: RuleAt) {
  const v6 = cidr.includes(':');
  const source = v6 ? { cidrIpv4: undefined, cidrIpv6: cidr } : { cidrIpv4: cidr };
  const ranges = v6
    ? { ipv6Ranges: { items: [{ cidrIpv6: cidr }] } }
    : { ipRanges: { items: [{ cidrIp: cidr }] } };
  return cloudTrailEvent(
    'AuthorizeSecurityGroupIngress',
    { groupId, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: port, toPort: port, ...ranges }] } },
    withRuleSet(
      ruleSetItem({ groupId, securityGroupRuleId: ruleId, fromPort: port, toPort: port, ...source }),
    ),
    { eventID: eventId },
  );
}

/** ModifySecurityGroupRules rewriting `rule` to what `rule` says (PascalCase, one rule as an object). */
export function modifyEvent(eventId: string, { groupId, ruleId, cidr = '0.0.0.0/0', port = 22 }: RuleAt) {
  return cloudTrailEvent(
    'ModifySecurityGroupRules',
    {
      ModifySecurityGroupRulesRequest: {
        GroupId: groupId,
        SecurityGroupRule: {
          SecurityGroupRuleId: ruleId,
          tag: 1,
          SecurityGroupRule: { IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIpv4: cidr },
        },
      },
    },
    { ModifySecurityGroupRulesResponse: { requestId: 'r-1', return: true } },
    { eventID: eventId },
  );
}

/** Rule ids still present in the fake EC2. */
export const ruleIdsIn = (fake: FakeAws): string[] => [...fake.state.region().rules.keys()];
