import { randomBytes } from 'node:crypto';
import { FakeTable } from './dynamodb.js';

export interface Tag {
  Key: string;
  Value: string;
}

export interface SecurityGroup {
  GroupId: string;
  GroupName: string;
  Description: string;
  VpcId: string;
  OwnerId: string;
  Tags: Tag[];
}

export interface SecurityGroupRule {
  SecurityGroupRuleId: string;
  GroupId: string;
  GroupOwnerId: string;
  IsEgress: boolean;
  /** Normalised as EC2 stores it: `tcp`, `udp`, `icmp`, `icmpv6`, `-1` or another protocol number. */
  IpProtocol: string;
  FromPort: number;
  ToPort: number;
  CidrIpv4?: string;
  CidrIpv6?: string;
  PrefixListId?: string;
  ReferencedGroupInfo?: { GroupId: string; UserId?: string };
  Description?: string;
}

export interface PrefixListEntry {
  Cidr: string;
  Description?: string;
}

export interface ManagedPrefixList {
  PrefixListId: string;
  PrefixListName: string;
  OwnerId: string;
  AddressFamily: 'IPv4' | 'IPv6';
  MaxEntries: number;
  Version: number;
  entries: PrefixListEntry[];
  /** Entries of earlier versions (GetManagedPrefixListEntries with TargetVersion). */
  versions?: Record<number, PrefixListEntry[]>;
}

export interface Ec2InstanceAttributes {
  Ec2SubnetId?: string;
  EmrManagedMasterSecurityGroup?: string;
  EmrManagedSlaveSecurityGroup?: string;
  ServiceAccessSecurityGroup?: string;
  AdditionalMasterSecurityGroups?: string[];
  AdditionalSlaveSecurityGroups?: string[];
}

export interface EmrCluster {
  Id: string;
  Name: string;
  Status: { State: string; StateChangeReason?: { Code?: string; Message?: string } };
  Ec2InstanceAttributes: Ec2InstanceAttributes;
  CreationDateTime: Date;
}

export interface BlockPublicAccess {
  BlockPublicSecurityGroupRules: boolean;
  PermittedPublicSecurityGroupRuleRanges: { MinRange: number; MaxRange?: number }[];
  CreationDateTime: Date;
  CreatedByArn: string;
}

export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface PublishedMessage {
  MessageId: string;
  region: string;
  TopicArn: string;
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes: Record<string, SnsMessageAttribute>;
}

export interface PutEventRecord {
  EventId: string;
  region: string;
  EventBusName: string;
  Source: string;
  DetailType: string;
  Detail: string;
  Time?: string | number;
}

export interface SecurityHubRecord {
  region: string;
  /** Imports of this id so far: 1 after the first, more after each update. */
  imports: number;
  finding: Record<string, unknown>;
}

/** An EC2 instance as DescribeInstances shows it (the fields the guard reads). */
export interface FakeInstance {
  InstanceId: string;
  State: string;
  GroupIds: string[];
  PublicIpAddress?: string;
  Tags: Tag[];
}

/** One Systems Manager compliance item of a managed instance (PutComplianceItems). */
export interface FakeComplianceItem {
  ResourceId: string;
  ComplianceType: string;
  Id: string;
  Title?: string;
  Status: 'COMPLIANT' | 'NON_COMPLIANT';
  Severity: string;
  ExecutionTime: Date;
  Details: Record<string, string>;
}

export type NewInstance = Partial<FakeInstance> & { GroupIds: string[] };

export type NewGroup = Partial<SecurityGroup>;
export type NewRule = Omit<SecurityGroupRule, 'SecurityGroupRuleId' | 'GroupOwnerId' | 'IsEgress'> &
  Partial<Pick<SecurityGroupRule, 'SecurityGroupRuleId' | 'IsEgress'>>;
export type NewPrefixList = Partial<Omit<ManagedPrefixList, 'PrefixListName'>> & { PrefixListName: string };
export type NewCluster = Partial<Omit<EmrCluster, 'Status'>> & {
  Status?: Partial<EmrCluster['Status']>;
};
export type NewBlockPublicAccess = Partial<BlockPublicAccess>;

export const DEFAULT_ACCOUNT = '123456789012';
export const DEFAULT_VPC = 'vpc-0123456789abcdef0';

const hex = (n: number): string =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);
export const newId = (prefix: string): string => `${prefix}-${hex(17)}`;
const clusterId = (): string =>
  `j-${Array.from(randomBytes(13), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[b % 36]).join('')}`;

/** EC2 Instance Connect service ranges of a few regions (used by `addEicPrefixList`). */
const EIC_CIDRS: Record<string, string> = {
  'eu-west-1': '18.202.216.48/29',
  'us-east-1': '18.206.107.24/29',
  'us-west-2': '18.237.140.160/29',
  'eu-central-1': '3.120.181.40/29',
};

/** Everything the fake knows about one region. Maps keep insertion order, so paging is stable. */
export class RegionState {
  readonly groups = new Map<string, SecurityGroup>();
  readonly rules = new Map<string, SecurityGroupRule>();
  readonly prefixLists = new Map<string, ManagedPrefixList>();
  readonly clusters = new Map<string, EmrCluster>();
  readonly instances = new Map<string, FakeInstance>();
  /** Compliance items by resource id and type: PutComplianceItems (COMPLETE) replaces a pair's items. */
  readonly compliance = new Map<string, FakeComplianceItem[]>();
  /** DynamoDB tables by name (the repeat counter's): created by a test, as the stack creates them. */
  readonly tables = new Map<string, FakeTable>();
  blockPublicAccess: BlockPublicAccess;

  constructor(
    readonly name: string,
    readonly accountId: string,
  ) {
    this.blockPublicAccess = {
      BlockPublicSecurityGroupRules: true,
      PermittedPublicSecurityGroupRuleRanges: [{ MinRange: 22, MaxRange: 22 }],
      CreationDateTime: new Date('2020-12-01T00:00:00Z'),
      CreatedByArn: `arn:aws:iam::${accountId}:root`,
    };
  }

  addInstance(input: NewInstance): FakeInstance {
    const instance: FakeInstance = {
      InstanceId: input.InstanceId ?? newId('i'),
      State: input.State ?? 'running',
      GroupIds: input.GroupIds,
      Tags: input.Tags ?? [],
      ...(input.PublicIpAddress ? { PublicIpAddress: input.PublicIpAddress } : {}),
    };
    this.instances.set(instance.InstanceId, instance);
    return instance;
  }

  putComplianceItems(
    resourceId: string,
    complianceType: string,
    items: Omit<FakeComplianceItem, 'ResourceId' | 'ComplianceType'>[],
  ): void {
    this.compliance.set(
      `${resourceId} ${complianceType}`,
      items.map((i) => ({ ...i, ResourceId: resourceId, ComplianceType: complianceType })),
    );
  }

  addGroup(input: NewGroup = {}): SecurityGroup {
    const GroupId = input.GroupId ?? newId('sg');
    const group: SecurityGroup = {
      GroupId,
      GroupName: input.GroupName ?? `group-${GroupId}`,
      Description: input.Description ?? 'fake security group',
      VpcId: input.VpcId ?? DEFAULT_VPC,
      OwnerId: input.OwnerId ?? this.accountId,
      Tags: input.Tags ?? [],
    };
    this.groups.set(GroupId, group);
    return group;
  }

  /** Adds a rule to an existing group and returns its id (`sgr-` + 17 hex unless given). */
  addRule(input: NewRule): string {
    const group = this.groups.get(input.GroupId);
    if (!group) throw new Error(`fake-aws: addRule: no group ${input.GroupId} in ${this.name}`);
    const SecurityGroupRuleId = input.SecurityGroupRuleId ?? newId('sgr');
    this.rules.set(SecurityGroupRuleId, {
      ...input,
      SecurityGroupRuleId,
      GroupOwnerId: group.OwnerId,
      IsEgress: input.IsEgress ?? false,
    });
    return SecurityGroupRuleId;
  }

  addPrefixList(input: NewPrefixList): string {
    const PrefixListId = input.PrefixListId ?? newId('pl');
    this.prefixLists.set(PrefixListId, {
      PrefixListId,
      PrefixListName: input.PrefixListName,
      OwnerId: input.OwnerId ?? this.accountId,
      AddressFamily: input.AddressFamily ?? 'IPv4',
      MaxEntries: input.MaxEntries ?? Math.max(10, input.entries?.length ?? 0),
      Version: input.Version ?? 1,
      entries: input.entries ?? [],
    });
    return PrefixListId;
  }

  /** The AWS-managed `com.amazonaws.<region>.ec2-instance-connect` list. */
  addEicPrefixList(cidr = EIC_CIDRS[this.name] ?? '18.0.0.0/29'): string {
    return this.addPrefixList({
      PrefixListName: `com.amazonaws.${this.name}.ec2-instance-connect`,
      OwnerId: 'AWS',
      entries: [{ Cidr: cidr }],
    });
  }

  addCluster(input: NewCluster = {}): string {
    const Id = input.Id ?? clusterId();
    this.clusters.set(Id, {
      Id,
      Name: input.Name ?? `cluster-${Id}`,
      Status: { State: 'RUNNING', StateChangeReason: {}, ...input.Status },
      Ec2InstanceAttributes: input.Ec2InstanceAttributes ?? {},
      CreationDateTime: input.CreationDateTime ?? new Date(),
    });
    return Id;
  }

  setBlockPublicAccess(input: NewBlockPublicAccess): void {
    this.blockPublicAccess = { ...this.blockPublicAccess, ...input };
  }

  /** A DynamoDB table keyed by one string attribute (`pk`, as serverless.yml declares the counter's). */
  addTable(name: string, hashKey = 'pk'): FakeTable {
    const table = new FakeTable(name, hashKey);
    this.tables.set(name, table);
    return table;
  }

  /** Rules of one group (ingress and egress), in insertion order. */
  rulesOf(groupId: string): SecurityGroupRule[] {
    return [...this.rules.values()].filter((r) => r.GroupId === groupId);
  }
}

/**
 * All regions. The seeding helpers on this class act on `defaultRegion`;
 * use `region('us-east-1').addGroup(...)` for another region.
 */
export class FakeAwsState {
  private readonly byName = new Map<string, RegionState>();
  /** SNS messages published in any region, in arrival order (each carries its `region`). */
  readonly published: PublishedMessage[] = [];
  /** EventBridge PutEvents entries accepted in any region, in arrival order. */
  readonly events: PutEventRecord[] = [];
  /** Security Hub findings by `ProductArn Id`: an import with the same id updates, as Security Hub does. */
  readonly securityHubFindings = new Map<string, SecurityHubRecord>();
  /** Regions returned by DescribeRegions. */
  regions: string[];

  constructor(
    readonly defaultRegion: string,
    readonly accountId: string,
    private readonly initialRegions: string[],
  ) {
    this.regions = [...initialRegions];
  }

  region(name: string = this.defaultRegion): RegionState {
    let r = this.byName.get(name);
    if (!r) {
      r = new RegionState(name, this.accountId);
      this.byName.set(name, r);
    }
    return r;
  }

  addGroup(input?: NewGroup): SecurityGroup {
    return this.region().addGroup(input);
  }
  addRule(input: NewRule): string {
    return this.region().addRule(input);
  }
  addPrefixList(input: NewPrefixList): string {
    return this.region().addPrefixList(input);
  }
  addEicPrefixList(cidr?: string): string {
    return this.region().addEicPrefixList(cidr);
  }
  addCluster(input?: NewCluster): string {
    return this.region().addCluster(input);
  }
  setBlockPublicAccess(input: NewBlockPublicAccess): void {
    this.region().setBlockPublicAccess(input);
  }
  rulesOf(groupId: string): SecurityGroupRule[] {
    return this.region().rulesOf(groupId);
  }

  clear(): void {
    this.byName.clear();
    this.published.length = 0;
    this.events.length = 0;
    this.securityHubFindings.clear();
    this.regions = [...this.initialRegions];
  }
}
