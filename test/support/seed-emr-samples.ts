import type { Rule } from '../../functions/core/model/rule.js';
import { seedEmrSamples } from './emr-samples.js';
import type { FakeAwsState, NewRule } from './fake-aws/index.js';
import { InMemoryEc2, InMemoryEmr } from './in-memory-aws.js';

function sourceOf(rule: Rule): Partial<NewRule> {
  const s = rule.source;
  if (s.kind === 'cidr4') return { CidrIpv4: s.cidr };
  if (s.kind === 'cidr6') return { CidrIpv6: s.cidr };
  if (s.kind === 'prefix-list') return { PrefixListId: s.prefixListId };
  return { ReferencedGroupInfo: { GroupId: s.groupId } };
}

/**
 * The EMR samples' world (test/support/emr-samples.ts: clusters, their groups and rules, Block
 * Public Access) put into the loopback fake, so the built EMR guard meets it on the wire.
 */
export function seedEmrSamplesIntoFake(state: FakeAwsState): void {
  const ec2 = new Map<string, InMemoryEc2>();
  const emr = new Map<string, InMemoryEmr>();
  const of =
    <T>(map: Map<string, T>, make: () => T) =>
    (region: string) => {
      if (!map.has(region)) map.set(region, make());
      return map.get(region) as T;
    };
  seedEmrSamples({ ec2For: of(ec2, () => new InMemoryEc2()), emrFor: of(emr, () => new InMemoryEmr()) });
  for (const [name, account] of ec2) {
    const region = state.region(name);
    for (const rule of account.rules.values()) {
      const GroupId = rule.groupId as string;
      if (!region.groups.has(GroupId)) region.addGroup({ GroupId });
      region.addRule({
        GroupId,
        SecurityGroupRuleId: rule.ruleId as string,
        IsEgress: rule.direction === 'egress',
        IpProtocol: rule.protocol === 'all' ? '-1' : rule.protocol,
        FromPort: rule.ports.from,
        ToPort: rule.ports.to,
        ...sourceOf(rule),
      } as NewRule);
    }
  }
  for (const [name, account] of emr) {
    const region = state.region(name);
    for (const c of account.clusters.values()) {
      region.addCluster({
        Id: c.id,
        Name: c.name ?? c.id,
        Status: { State: c.state ?? 'RUNNING' },
        Ec2InstanceAttributes: {
          ...(c.groups.master ? { EmrManagedMasterSecurityGroup: c.groups.master } : {}),
          ...(c.groups.slave ? { EmrManagedSlaveSecurityGroup: c.groups.slave } : {}),
          ...(c.groups.serviceAccess ? { ServiceAccessSecurityGroup: c.groups.serviceAccess } : {}),
          AdditionalMasterSecurityGroups: [...c.groups.additionalMaster],
          AdditionalSlaveSecurityGroups: [...c.groups.additionalSlave],
        },
      });
    }
    region.setBlockPublicAccess({
      BlockPublicSecurityGroupRules: account.blockPublicAccess.blockPublicSecurityGroupRules,
      PermittedPublicSecurityGroupRuleRanges: account.blockPublicAccess.permittedRanges.map((r) => ({
        MinRange: r.from,
        MaxRange: r.to,
      })),
    });
  }
}
