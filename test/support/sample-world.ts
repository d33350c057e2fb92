import type { CurrentRule } from '../../functions/core/model/rule.js';
import { parseAuthorize } from '../../functions/parse/authorize.js';
import { cloudTrailCallOf, readEnvelope } from '../../functions/parse/envelope.js';
import { parseModify } from '../../functions/parse/modify.js';
import { parsePrefixListChange } from '../../functions/parse/modify-prefix-list.js';
import { isOmittedRecord } from '../../functions/triggers/omitted-record.js';
import { parsePrefixListRestore } from '../../functions/triggers/prefix-list-restore-event.js';
import type { InMemoryEc2 } from './in-memory-aws.js';
import { HELD_BEFORE } from './seed-from-event.js';

/**
 * Seeds an in-memory account so a sample event finds the world it describes: the rules an old
 * record created (which carry no ids), the group a name refers to, the rules a Modify rewrote, and
 * the prefix lists the samples reference. Used by the handler tests and by `npm run demo`.
 */
export function seedForEvent(event: unknown, ec2: InMemoryEc2): void {
  seedPrefixLists(ec2);
  const read = readEnvelope(event);
  const record = read.ok ? read.detail : undefined;
  const call = cloudTrailCallOf(record);
  // A failed call changed nothing: there is nothing to seed.
  if (!record || !call || record.errorCode) return;
  const { eventName } = call;
  if (isOmittedRecord(record) && !record.requestParameters && !record.responseElements) {
    // What a call CloudTrail kept no parameters of left behind: a world-open tcp/22 rule somewhere in
    // the region, which only a sweep of the region finds.
    ec2.addRules({
      groupId: 'sg-0a1b2c3d4e5f60024',
      ruleId: 'sgr-05eedf1000000000077',
      direction: 'ingress',
      protocol: 'tcp',
      ports: { from: 22, to: 22 },
      source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
    });
    return;
  }
  if (eventName === 'RestoreManagedPrefixListVersion') {
    // The list as the guard finds it once prefix-list-restore-world-version.json has completed:
    // version 4, which admitted the world, is current again as version 6.
    const restore = parsePrefixListRestore(record);
    if (restore.ok) {
      const { prefixListId } = restore.value;
      ec2.prefixLists.set(prefixListId, {
        id: prefixListId,
        name: 'ops-bastion-sources',
        ownerId: '123456789012',
        entries: ['10.0.0.0/8', '172.16.0.0/12', '0.0.0.0/0'],
        version: 6,
        state: 'restore-complete',
      });
      ec2.addRules({
        groupId: 'sg-0b1b2b3b4b5b6b7b8',
        ruleId: 'sgr-05eedf1000000000001',
        direction: 'ingress',
        protocol: 'tcp',
        ports: { from: 22, to: 22 },
        source: { kind: 'prefix-list', prefixListId },
      });
    }
    return;
  }
  if (eventName === 'ModifyManagedPrefixList') {
    // A group whose tcp/22 rule references the edited list, as authorize-prefix-list-source.json made it.
    const change = parsePrefixListChange(record);
    if (change.ok) {
      ec2.addRules({
        groupId: 'sg-0b1b2b3b4b5b6b7b8',
        ruleId: 'sgr-05eedf1000000000001',
        direction: 'ingress',
        protocol: 'tcp',
        ports: { from: 22, to: 22 },
        source: { kind: 'prefix-list', prefixListId: change.value.prefixListId },
      });
      // The list as EC2 holds it once the edit settled: what the guard judges is its current version.
      const held = ec2.prefixLists.get(change.value.prefixListId);
      if (held?.entries) {
        const kept = held.entries.filter((e) => !change.value.removed.includes(e));
        const added = change.value.added.filter((e) => !kept.includes(e));
        ec2.prefixLists.set(held.id, { ...held, entries: [...kept, ...added] });
      }
    }
    return;
  }
  if (eventName === 'ModifySecurityGroupRules') {
    const parsed = parseModify(record);
    if (parsed.ok && parsed.value.kind === 'rule-ids') {
      ec2.addRules(
        ...parsed.value.requested.flatMap(({ groupId, ruleId, ...r }) =>
          groupId && ruleId ? [{ ...r, groupId, ruleId, direction: 'ingress' as const }] : [],
        ),
      );
    }
    return;
  }
  if (eventName !== 'AuthorizeSecurityGroupIngress') return;
  const created = parseAuthorize(record);
  if (created.ok && created.value.kind === 'rules') {
    const groups = new Set(created.value.rules.map((r) => r.groupId));
    ec2.addRules(...[...groups].flatMap(heldBefore), ...created.value.rules);
    return;
  }
  const request = parseAuthorize({ ...record, responseElements: null });
  if (!request.ok || request.value.kind !== 'match') return;
  let n = 0;
  for (const rule of request.value.rules) {
    const groupId = rule.groupId ?? 'sg-0defa017c0ffee001';
    if (rule.groupName)
      ec2.groups.set(groupId, { groupId, groupName: rule.groupName, vpcId: 'vpc-0default00000001' });
    n += 1;
    const seeded: CurrentRule = {
      ...rule,
      direction: 'ingress',
      groupId,
      ruleId: `sgr-05eed${String(n).padStart(12, '0')}`,
    };
    ec2.addRules(seeded);
  }
}

/** What a sample's group held before its call (shared with the loopback fake's seeding). */
function heldBefore(groupId: string): CurrentRule[] {
  return (HELD_BEFORE[groupId] ?? []).map((held) => ({
    groupId,
    ruleId: held.ruleId,
    direction: 'ingress',
    protocol: 'tcp',
    ports: { from: 22, to: 22 },
    source: { kind: 'cidr4', cidr: held.cidrIpv4 },
    description: held.description,
  }));
}

function seedPrefixLists(ec2: InMemoryEc2): void {
  ec2.prefixLists.set('pl-0c0ffee0c0ffee001', {
    id: 'pl-0c0ffee0c0ffee001',
    name: 'corp-office-ranges',
    ownerId: '123456789012',
    entries: ['10.0.0.0/8', '172.16.0.0/12'],
  });
  for (const region of ['eu-west-1', 'us-east-1', 'ap-southeast-2']) {
    const id = region === 'eu-west-1' ? 'pl-0e4bcff02b13bef1e' : `pl-0e1c${region.length}000000000000`;
    ec2.prefixLists.set(id, {
      id,
      name: `com.amazonaws.${region}.ec2-instance-connect`,
      ownerId: 'AWS',
      entries: ['18.202.216.48/29'],
    });
  }
}

/**
 * An account for the scheduled sweep sample: two regions holding what events never reported (an
 * EMR master group from before December 2020, two public /9s that together make a /8) next to
 * compliant rules.
 */
export function seedSweepWorld(ec2For: (region: string) => InMemoryEc2): void {
  const rule = (groupId: string, n: number, source: CurrentRule['source']): CurrentRule => ({
    groupId,
    ruleId: `sgr-05eedc0ffee${String(n).padStart(6, '0')}`,
    direction: 'ingress',
    protocol: 'tcp',
    ports: { from: 22, to: 22 },
    source,
  });
  ec2For('eu-west-1').regions = ['eu-west-1', 'us-east-1'];
  ec2For('eu-west-1').addRules(
    rule('sg-0e3a0000000000001', 1, { kind: 'cidr4', cidr: '0.0.0.0/0' }),
    rule('sg-0e3a0000000000001', 2, { kind: 'group', groupId: 'sg-0e3a0000000000002' }),
    rule('sg-0e3a0000000000003', 3, { kind: 'cidr4', cidr: '10.0.0.0/16' }),
  );
  ec2For('us-east-1').addRules(
    rule('sg-0e3a0000000000004', 4, { kind: 'cidr4', cidr: '44.0.0.0/9' }),
    rule('sg-0e3a0000000000004', 5, { kind: 'cidr4', cidr: '44.128.0.0/9' }),
  );
}
