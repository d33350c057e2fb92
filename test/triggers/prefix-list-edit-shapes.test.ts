import { describe, expect, it } from 'vitest';
import { toEventWork } from '../../functions/triggers/event-work.js';
import { parsePrefixListWork } from '../../functions/triggers/prefix-list-event.js';
import { cloudTrailEvent } from '../support/events.js';
import { accountReferencingList, CORP, GROUP, LIST } from '../support/list-account.js';

const edit = (AddEntry: unknown) =>
  cloudTrailEvent('ModifyManagedPrefixList', {
    ModifyManagedPrefixListRequest: { PrefixListId: LIST, CurrentVersion: 3, AddEntry },
  });

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
      const { ec2 } = accountReferencingList(CORP);
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
      const { handler, ec2, usesList, publisher } = accountReferencingList([...CORP, '0.0.0.0/0']);
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
      const { handler, ec2, usesList } = accountReferencingList(CORP);
      await expect(handler(edit(AddEntry))).resolves.toMatchObject({ status: 'handled', violations: 0 });
      expect(ec2.rules.has(usesList.ruleId as string)).toBe(true);
    },
  );

  it.each<[string, unknown]>([
    ['absent', undefined],
    ["CloudTrail's empty list", {}],
    ['an empty array', []],
  ])('an AddEntry that is %s adds nothing and costs no call', async (_n, AddEntry) => {
    const { handler, ec2 } = accountReferencingList([...CORP, '0.0.0.0/0']);
    await expect(handler(edit(AddEntry))).resolves.toMatchObject({
      status: 'handled',
      reason: `the edit of ${LIST} added no entry`,
    });
    expect(ec2.calls).toEqual([]);
  });
});
