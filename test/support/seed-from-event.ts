import type { FakeAwsState, NewPrefixList, NewRule, RegionState } from './fake-aws/index.js';
import { EIC_LIST } from './policy.js';
import { seedEmrSamplesIntoFake } from './seed-emr-samples.js';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const list = (v: unknown): Json[] => {
  if (Array.isArray(v)) return v.map(obj);
  const o = obj(v);
  if ('items' in o) return list(o.items);
  return Object.keys(o).length === 0 ? [] : [o];
};
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const port = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);

/** Prefix lists the sample events reference, with what they hold when the event arrives. */
export const SAMPLE_PREFIX_LISTS: readonly NewPrefixList[] = [
  {
    PrefixListId: EIC_LIST.id,
    PrefixListName: EIC_LIST.name as string,
    OwnerId: 'AWS',
    entries: (EIC_LIST.entries ?? []).map((Cidr) => ({ Cidr })),
  },
  {
    PrefixListId: 'pl-0c0ffee0c0ffee001',
    PrefixListName: 'ops-bastions',
    entries: [{ Cidr: '10.0.0.0/8' }, { Cidr: '172.16.0.0/12' }],
  },
];

/**
 * Puts into the fake what EC2 holds once the call in `event` has happened: its group (by id, or by
 * name in the default VPC) and the rules it created or rewrote, with their ids when the record
 * carries them. The reading here is deliberately simple and independent of functions/parse.
 */
export function seedFromEvent(state: FakeAwsState, event: Json): void {
  const source = text(event.source) ?? '';
  if (source === 'aws.emr' || source === 'aws.elasticmapreduce') seedEmrSamplesIntoFake(state);
  else if (source === 'aws.events') seedSweepAccount(state);
  else if (source === 'aws.ssm') seedPostureFromEvent(state, event);
  // The record's region, where the guard acts (a relay may re-publish from another).
  else
    seedRegionFromEvent(
      state.region(text(obj(event.detail).awsRegion) ?? text(event.region) ?? state.defaultRegion),
      event,
    );
}

/**
 * What the scheduled sweep finds: in eu-west-1 one group with a forgotten world-open SSH rule next
 * to a private one, in us-east-1 a group with only compliant rules; the other regions are empty.
 */
export const SWEEP_WORLD_RULE = 'sgr-05ee9000000000001';

function seedSweepAccount(state: FakeAwsState): void {
  const eu = state.region('eu-west-1');
  const legacy = eu.addGroup({ GroupId: 'sg-05ee9000000000001', GroupName: 'legacy-bastion' }).GroupId;
  const ssh = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22 };
  eu.addRule({ GroupId: legacy, SecurityGroupRuleId: SWEEP_WORLD_RULE, ...ssh, CidrIpv4: '0.0.0.0/0' });
  eu.addRule({ GroupId: legacy, ...ssh, CidrIpv4: '10.0.0.0/8' });
  const us = state.region('us-east-1');
  const app = us.addGroup({ GroupId: 'sg-05ee9000000000002', GroupName: 'app' }).GroupId;
  us.addRule({ GroupId: app, ...ssh, CidrIpv4: '172.16.0.0/12' });
  us.addRule({ GroupId: app, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0' });
}

/** `seedFromEvent` for one region's state (the event's region is not looked at). */
export function seedRegionFromEvent(region: RegionState, event: Json): void {
  const detail = obj(event.detail);
  for (const list of SAMPLE_PREFIX_LISTS) {
    if (list.PrefixListId && !region.prefixLists.has(list.PrefixListId)) region.addPrefixList(list);
  }
  const request = obj(detail.requestParameters);
  const modify = obj(request.ModifySecurityGroupRulesRequest);
  const listEdit = obj(request.ModifyManagedPrefixListRequest);
  const restore = obj(request.RestoreManagedPrefixListVersionRequest);
  const ruleSet = list(obj(detail.responseElements).securityGroupRuleSet);
  if (text(restore.PrefixListId)) seedListHistory(region, restore);
  else if (detail.omitted === true && !detail.requestParameters && !detail.responseElements)
    seedForgotten(region);
  else if (text(listEdit.PrefixListId)) {
    seedListReference(region, text(listEdit.PrefixListId) as string);
    applyListEdit(
      region,
      listEdit,
      obj(obj(obj(detail.responseElements).ModifyManagedPrefixListResponse).prefixList),
    );
  } else if (text(modify.GroupId)) seedModify(region, modify);
  else if (ruleSet.length > 0) seedRuleSet(region, ruleSet);
  else seedRequest(region, request);
}

/**
 * The list as EC2 holds it once the edit settled: the added entries in, the removed ones out, at the
 * version the response named (or later). Read from the record's own fields, not by functions/parse.
 */
function applyListEdit(region: RegionState, request: Json, response: Json): void {
  const held = region.prefixLists.get(text(request.PrefixListId) ?? '');
  if (!held) return;
  const cidrs = (value: unknown) =>
    (Array.isArray(value) ? value : value ? [value] : []).flatMap(
      (e) => text(obj(e).cidr) ?? text(obj(e).Cidr) ?? [],
    );
  const removed = new Set(cidrs(request.RemoveEntry));
  const kept = held.entries.filter((e) => !removed.has(e.Cidr));
  const added = cidrs(request.AddEntry).filter((c) => !kept.some((e) => e.Cidr === c));
  held.entries = [...kept, ...added.map((Cidr) => ({ Cidr }))];
  held.Version = Math.max(
    held.Version,
    typeof response.version === 'number' ? response.version : held.Version + 1,
  );
}

/** A prefix-list edit matters through the groups that reference the list: one bastion group does. */
export const LIST_REFERENCE_RULE = 'sgr-0b1a57100000000a1';

function seedListReference(region: RegionState, prefixListId: string): void {
  const groupId = ensureGroup(region, 'sg-0b1a5710000000001', 'ops-bastion');
  if (region.rules.has(LIST_REFERENCE_RULE)) return;
  region.addRule({
    GroupId: groupId,
    SecurityGroupRuleId: LIST_REFERENCE_RULE,
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    PrefixListId: prefixListId,
  });
}

/**
 * A rollback's list: the version restored admitted the world (as the edit in
 * prefix-list-modified-add-world.json made it), the version it replaces holds the list's entries now.
 */
function seedListHistory(region: RegionState, restore: Json): void {
  const prefixListId = text(restore.PrefixListId) as string;
  seedListReference(region, prefixListId);
  const current = region.prefixLists.get(prefixListId);
  if (!current) return;
  const replaced = typeof restore.CurrentVersion === 'number' ? restore.CurrentVersion : current.Version;
  const restored = typeof restore.PreviousVersion === 'number' ? restore.PreviousVersion : replaced - 1;
  // The account as the guard finds it once the restore has completed: the restored version (which
  // admitted the world) is current again, as a new version after the one it replaced.
  const before = [...current.entries];
  const world = [...before, { Cidr: '0.0.0.0/0', Description: 'temp: everyone' }];
  current.Version = replaced + 1;
  current.entries = world;
  current.versions = { [restored]: world, [replaced]: before };
}

/** What a call CloudTrail kept no parameters of left behind: a world-open tcp/22 rule in the region. */
export const FORGOTTEN_WORLD_RULE = 'sgr-05eedf1000000000077';

function seedForgotten(region: RegionState): void {
  const GroupId = ensureGroup(region, 'sg-0a1b2c3d4e5f60024', 'big-edit');
  region.addRule({
    GroupId,
    SecurityGroupRuleId: FORGOTTEN_WORLD_RULE,
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    CidrIpv4: '0.0.0.0/0',
  });
}

function ensureGroup(region: RegionState, groupId?: string, groupName?: string): string {
  if (groupId && region.groups.has(groupId)) return groupId;
  const named = [...region.groups.values()].find((g) => groupName && g.GroupName === groupName);
  if (named) return named.GroupId;
  return region.addGroup({
    ...(groupId ? { GroupId: groupId } : {}),
    ...(groupName ? { GroupName: groupName } : {}),
  }).GroupId;
}

function sourceOf(item: Json): Partial<NewRule> {
  const ref = obj(item.referencedGroupInfo);
  if (text(item.cidrIpv4)) return { CidrIpv4: text(item.cidrIpv4) };
  if (text(item.cidrIpv6)) return { CidrIpv6: text(item.cidrIpv6) };
  if (text(item.prefixListId)) return { PrefixListId: text(item.prefixListId) };
  return { ReferencedGroupInfo: { GroupId: text(ref.groupId) ?? 'sg-00000000000000000' } };
}

/**
 * What a sample's group held before its call, beside what the call created: the guard sums a
 * public SSH source with these (authorize-public-half-completes-slash-8.json adds the upper half
 * of 11.0.0.0/8 to a group that already admits the lower half).
 */
export const HELD_BEFORE: Readonly<Record<string, readonly HeldRule[]>> = {
  'sg-0a1b2c3d4e5f60052': [
    { ruleId: 'sgr-05a1f0a1b2c3d4e11', cidrIpv4: '11.0.0.0/9', description: 'partner NOC, lower half' },
  ],
};

/** A tcp/22 ingress rule a sample's group held before the call. */
export interface HeldRule {
  readonly ruleId: string;
  readonly cidrIpv4: string;
  readonly description: string;
}

function seedHeldBefore(region: RegionState, GroupId: string): void {
  for (const held of HELD_BEFORE[GroupId] ?? []) {
    if (region.rules.has(held.ruleId)) continue;
    region.addRule({
      GroupId,
      SecurityGroupRuleId: held.ruleId,
      IpProtocol: 'tcp',
      FromPort: 22,
      ToPort: 22,
      CidrIpv4: held.cidrIpv4,
      Description: held.description,
    });
  }
}

function seedRuleSet(region: RegionState, items: Json[]): void {
  for (const item of items) {
    const GroupId = ensureGroup(region, text(item.groupId));
    seedHeldBefore(region, GroupId);
    region.addRule({
      GroupId,
      SecurityGroupRuleId: text(item.securityGroupRuleId) as string,
      IsEgress: item.isEgress === true,
      IpProtocol: text(item.ipProtocol) ?? '-1',
      FromPort: port(item.fromPort, -1),
      ToPort: port(item.toPort, -1),
      ...sourceOf(item),
    } as NewRule);
  }
}

function seedModify(region: RegionState, request: Json): void {
  const GroupId = ensureGroup(region, text(request.GroupId));
  for (const entry of list(request.SecurityGroupRule)) {
    const body = obj(entry.SecurityGroupRule);
    const source = {
      cidrIpv4: body.CidrIpv4,
      cidrIpv6: body.CidrIpv6,
      prefixListId: body.PrefixListId,
      referencedGroupInfo: { groupId: body.ReferencedGroupId },
    };
    region.addRule({
      GroupId,
      SecurityGroupRuleId: text(entry.SecurityGroupRuleId) as string,
      IpProtocol: text(body.IpProtocol) ?? '-1',
      FromPort: port(body.FromPort, -1),
      ToPort: port(body.ToPort, -1),
      ...sourceOf(source),
    } as NewRule);
  }
}

/** Pre-2021 records: the rules the request asked for, in `items` form and legacy flat form. */
function seedRequest(region: RegionState, request: Json): void {
  const GroupId = ensureGroup(region, text(request.groupId), text(request.groupName));
  const permissions = list(request.ipPermissions);
  if (text(request.cidrIp))
    permissions.push({ ...request, ipRanges: { items: [{ cidrIp: request.cidrIp }] } });
  for (const p of permissions) {
    const protocol = text(p.ipProtocol) ?? '-1';
    const all = protocol === '-1';
    const base = {
      GroupId,
      IpProtocol: protocol,
      FromPort: all ? -1 : port(p.fromPort, -1),
      ToPort: all ? -1 : port(p.toPort, -1),
    };
    for (const r of list(p.ipRanges)) region.addRule({ ...base, CidrIpv4: text(r.cidrIp) });
    for (const r of list(p.ipv6Ranges)) region.addRule({ ...base, CidrIpv6: text(r.cidrIpv6) });
    for (const r of list(p.prefixListIds)) region.addRule({ ...base, PrefixListId: text(r.prefixListId) });
    for (const r of list(p.groups))
      region.addRule({ ...base, ReferencedGroupInfo: { GroupId: text(r.groupId) ?? '' } });
  }
}

/** The instance of an SSH posture change, with a report that accepts passwords (what the change says). */
function seedPostureFromEvent(state: FakeAwsState, event: Json): void {
  const detail = (event.detail ?? {}) as Json;
  const instanceId = text(detail['resource-id']);
  if (!instanceId || detail['compliance-type'] !== 'Custom:SshPosture') return;
  state
    .region(text(event.region) ?? state.defaultRegion)
    .putComplianceItems(instanceId, 'Custom:SshPosture', [
      {
        Id: 'PasswordAuthentication',
        Status: 'NON_COMPLIANT',
        Severity: 'HIGH',
        ExecutionTime: new Date('2026-11-21T10:04:09Z'),
        Details: { Value: 'yes', Expected: 'no' },
      },
      {
        Id: 'PermitRootLogin',
        Status: 'COMPLIANT',
        Severity: 'CRITICAL',
        ExecutionTime: new Date('2026-11-21T10:04:09Z'),
        Details: { Value: 'no', Expected: 'no' },
      },
    ]);
}
