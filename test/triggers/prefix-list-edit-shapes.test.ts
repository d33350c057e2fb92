import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { toEventWork } from '../../functions/triggers/event-work.js';
import { parsePrefixListWork } from '../../functions/triggers/prefix-list-event.js';
import { cloudTrailEvent } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { ruleOf } from '../support/policy.js';

const LIST = 'pl-0c0ffee0c0ffee001';
const GROUP = 'sg-0b1b2b3b4b5b6b7b8';
const CORP = ['10.0.0.0/8', '172.16.0.0/12'];
const edit = (AddEntry: unknown) =>
  cloudTrailEvent('ModifyManagedPrefixList', {
    ModifyManagedPrefixListRequest: { PrefixListId: LIST, CurrentVersion: 3, AddEntry },
  });

/** An account whose tcp/22 rule references the list; `entries` is what a fresh read of the list returns. */
function accountWith(entries: string[]) {
  const aws = inMemoryDeps();
  const ec2 = aws.ec2For('eu-west-1');
  ec2.prefixLists.set(LIST, { id: LIST, name: 'ops-bastion-sources', ownerId: '123456789012', entries });
  const usesList = ruleOf({ groupId: GROUP, source: { kind: 'prefix-list', prefixListId: LIST } });
  ec2.addRules(usesList);
  const handler = makeGuardHandler(
    loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:t' }),
    aws.deps,
    silentLog,
  );
  return { ...aws, ec2, usesList, handler };
}

/** Shapes of AddEntry the guard cannot read an entry from; each is still an addition to the list. */
const ODD_ADDITIONS: readonly [string, unknown, string][] = [
  ['a bare string', '0.0.0.0/0', 'AddEntry entry without a CIDR: "0.0.0.0/0"'],
  ['an array of strings', ['0.0.0.0/0'], 'AddEntry entry without a CIDR: "0.0.0.0/0"'],
  [
    'an entry without a CIDR',
    [{ Description: 'bastion', tag: 2 }],
    'AddEntry entry without a CIDR: {"Description":"bastion","tag":2}',
  ],
  [
    'entries under an unknown key',
    { member: [{ Cidr: '0.0.0.0/0' }] },
    'AddEntry entry without a CIDR: {"member":[{…}]}',
  ],
];

describe('Class 3 All or nothing parsing: a prefix-list edit in any shape is judged on the list as it is now', () => {
  it.each(ODD_ADDITIONS)(
    'AddEntry as %s looks up the referencing groups and names the entry it could not read',
    async (_n, AddEntry, reason) => {
      const parsed = parsePrefixListWork(edit(AddEntry).detail);
      expect(parsed).toMatchObject({ ok: true, value: { kind: 'lookup' } });
      const { ec2 } = accountWith(CORP);
      const work = parsed.ok ? await toEventWork(parsed.value, ec2) : undefined;
      expect(work).toEqual({
        kind: 'guard',
        selection: { kind: 'groups', groupIds: [GROUP], unreadable: [reason] },
        prefixListChanges: [{ prefixListId: LIST, added: [], removed: [] }],
      });
    },
  );

  it.each(ODD_ADDITIONS)(
    'AddEntry as %s: the referencing tcp/22 rule is revoked when the list now admits the world',
    async (_n, AddEntry, reason) => {
      const { handler, ec2, usesList, publisher } = accountWith([...CORP, '0.0.0.0/0']);
      await expect(handler(edit(AddEntry))).resolves.toMatchObject({
        status: 'handled',
        violations: 1,
        actions: { revoked: 1 },
      });
      expect(ec2.rules.has(usesList.ruleId as string)).toBe(false);
      // The entry it could not read is reported in the same event's unparsed finding.
      const findings = publisher.documents().flatMap((d) => d.findings);
      expect(findings.map((f) => f.checkId).sort()).toEqual(['ssh-world-open', 'unparsed-event']);
      expect(JSON.stringify(findings.find((f) => f.checkId === 'unparsed-event'))).toContain(
        JSON.stringify(reason).slice(1, -1),
      );
    },
  );

  it.each(ODD_ADDITIONS)(
    'AddEntry as %s: nothing is revoked when the list as it is now is private',
    async (_n, AddEntry) => {
      const { handler, ec2, usesList } = accountWith(CORP);
      await expect(handler(edit(AddEntry))).resolves.toMatchObject({ status: 'handled', violations: 0 });
      expect(ec2.rules.has(usesList.ruleId as string)).toBe(true);
    },
  );

  it.each<[string, unknown]>([
    ['absent', undefined],
    ["CloudTrail's empty list", {}],
    ['an empty array', []],
  ])('an AddEntry that is %s adds nothing and costs no call', async (_n, AddEntry) => {
    const { handler, ec2 } = accountWith([...CORP, '0.0.0.0/0']);
    await expect(handler(edit(AddEntry))).resolves.toMatchObject({
      status: 'handled',
      reason: `the edit of ${LIST} added no entry`,
    });
    expect(ec2.calls).toEqual([]);
  });
});
