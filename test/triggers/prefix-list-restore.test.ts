import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { parsePrefixListRestore } from '../../functions/triggers/prefix-list-restore-event.js';
import { cloudTrailEvent, loadEvent } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { accountReferencingList, CORP, LIST } from '../support/list-account.js';

const restore = (request: unknown, response: unknown = null) =>
  cloudTrailEvent('RestoreManagedPrefixListVersion', request, response);

describe('Class 1 Prefix-list rollback: reading the RestoreManagedPrefixListVersion record', () => {
  it.each([
    [
      'the wrapped request, versions as numbers (the sample)',
      loadEvent('prefix-list-restore-world-version.json').detail,
      { prefixListId: LIST, restored: 4, current: 5 },
    ],
    [
      'versions written as strings',
      restore({
        RestoreManagedPrefixListVersionRequest: {
          PrefixListId: LIST,
          PreviousVersion: '1',
          CurrentVersion: '3',
        },
      }).detail,
      { prefixListId: LIST, restored: 1, current: 3 },
    ],
    [
      'a flat request (no Request wrapper)',
      restore({ PrefixListId: LIST, PreviousVersion: 2, CurrentVersion: 7 }).detail,
      { prefixListId: LIST, restored: 2, current: 7 },
    ],
    [
      'the list named only by the response',
      restore(
        { RestoreManagedPrefixListVersionRequest: { PreviousVersion: 2 } },
        { RestoreManagedPrefixListVersionResponse: { prefixList: { prefixListId: LIST } } },
      ).detail,
      { prefixListId: LIST, restored: 2 },
    ],
  ])('reads %s', (_, record, expected) => {
    expect(parsePrefixListRestore(record)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['no request', restore(null).detail, 'requestParameters.RestoreManagedPrefixListVersionRequest missing'],
    ['no list id', restore({ PreviousVersion: 1 }).detail, 'PrefixListId missing'],
  ])('refuses %s (reported as unparsed, never guessed)', (_, record, error) => {
    expect(parsePrefixListRestore(record)).toEqual({ ok: false, error });
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['no version to restore', { PrefixListId: LIST }, { prefixListId: LIST }],
    [
      'a negative version',
      { PrefixListId: LIST, PreviousVersion: -1, CurrentVersion: 5 },
      { prefixListId: LIST, current: 5, unreadable: ['PreviousVersion is not a version: -1'] },
    ],
    [
      'a version that is not a number',
      { PrefixListId: LIST, PreviousVersion: 'v2' },
      { prefixListId: LIST, unreadable: ['PreviousVersion is not a version: "v2"'] },
    ],
    [
      'a current version nested in an object',
      { PrefixListId: LIST, PreviousVersion: 2, CurrentVersion: { value: 3 } },
      { prefixListId: LIST, restored: 2, unreadable: ['CurrentVersion is not a version: {"value":3}'] },
    ],
  ])(
    'all or nothing parsing: needs only the list id with %s (the list is judged as it is now)',
    (_, request, expected) => {
      expect(parsePrefixListRestore(restore(request).detail)).toEqual({ ok: true, value: expected });
    },
  );
});

describe('Class 1 Prefix-list rollback: handled like ModifyManagedPrefixList', () => {
  it('revokes the referencing tcp/22 rule once the restored version, which admits the world, is current', async () => {
    const restored = [...CORP, '0.0.0.0/0'];
    const { handler, ec2, usesList, publisher } = accountReferencingList(restored, {
      version: 6,
      state: 'restore-complete',
    });
    const result = await handler(loadEvent('prefix-list-restore-world-version.json'));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(ec2.rules.has(usesList.ruleId as string)).toBe(false);
    expect(publisher.messages).toHaveLength(1);
  });

  it('waits for the restore (a retry) when the list read is older than the version it makes', async () => {
    const { handler, ec2, usesList, publisher } = accountReferencingList(CORP, {
      version: 5,
      state: 'restore-in-progress',
    });
    await expect(handler(loadEvent('prefix-list-restore-world-version.json'))).rejects.toMatchObject({
      name: 'PrefixListSettlingError',
    });
    expect(ec2.rules.has(usesList.ruleId as string)).toBe(true);
    expect(publisher.messages).toHaveLength(0);
  });

  it('never revokes for an entry only the replaced version held: a rollback to a safe version is compliant', async () => {
    const { handler, ec2, usesList, publisher } = accountReferencingList(CORP, {
      version: 4,
      state: 'restore-complete',
    });
    const event = restore({
      RestoreManagedPrefixListVersionRequest: { PrefixListId: LIST, PreviousVersion: 2, CurrentVersion: 3 },
    });
    const result = await handler(event);
    expect(result).toMatchObject({ status: 'handled', violations: 0 });
    expect(ec2.rules.has(usesList.ruleId as string)).toBe(true);
    expect(publisher.messages).toHaveLength(0);
  });

  it('never revokes for a rollback undone since: a delayed event is judged on the list as it is now', async () => {
    const { handler, ec2, usesList } = accountReferencingList(CORP, {
      version: 7,
      state: 'modify-complete',
    });
    const result = await handler(loadEvent('prefix-list-restore-world-version.json'));
    expect(result).toMatchObject({ status: 'handled', violations: 0 });
    expect(ec2.rules.has(usesList.ruleId as string)).toBe(true);
  });

  it('looks no further than the associations when no group references the list', async () => {
    const { deps, ec2For } = inMemoryDeps();
    const handler = makeGuardHandler(
      loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:t' }),
      deps,
      silentLog,
    );
    const result = await handler(loadEvent('prefix-list-restore-world-version.json'));
    expect(result).toMatchObject({
      status: 'handled',
      reason: `no security group references ${LIST}`,
      rulesEvaluated: 0,
    });
    expect(ec2For('eu-west-1').calls.map((c) => c.action)).toEqual(['findPrefixListGroups']);
  });

  it('reads no earlier version, and nothing at all when the rollback names no list', async () => {
    const { handler, ec2 } = accountReferencingList([...CORP, '0.0.0.0/0']);
    await handler(loadEvent('prefix-list-restore-world-version.json'));
    expect(ec2.calls.map((c) => c.action)).toEqual([
      'findPrefixListGroups',
      'readRulesOfGroups',
      'readPrefixLists',
      'revokeIngress',
    ]);
    const unreadable = accountReferencingList(CORP);
    await expect(unreadable.handler(restore({ PreviousVersion: 4 }))).resolves.toMatchObject({
      status: 'unparsed',
    });
    expect(unreadable.ec2.calls).toEqual([]);
  });

  it('all or nothing parsing: a rollback whose versions cannot be read still revokes on the list as it is now', async () => {
    const { handler, ec2, usesList } = accountReferencingList([...CORP, '0.0.0.0/0'], {
      version: 6,
      state: 'restore-complete',
    });
    const event = restore({
      RestoreManagedPrefixListVersionRequest: {
        PrefixListId: LIST,
        PreviousVersion: 'four',
        CurrentVersion: null,
      },
    });
    await expect(handler(event)).resolves.toMatchObject({ status: 'handled', actions: { revoked: 1 } });
    expect(ec2.rules.has(usesList.ruleId as string)).toBe(false);
  });
});
