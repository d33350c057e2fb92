import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { parsePrefixListRestore } from '../../functions/triggers/prefix-list-restore-event.js';
import { cloudTrailEvent, loadEvent } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { ruleOf } from '../support/policy.js';

const LIST = 'pl-0c0ffee0c0ffee001';
const GROUP = 'sg-0b1b2b3b4b5b6b7b8';
const CORP = ['10.0.0.0/8', '172.16.0.0/12'];
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
    [
      'no version to restore',
      restore({ PrefixListId: LIST }).detail,
      'PreviousVersion is not a version: undefined',
    ],
    [
      'a negative version',
      restore({ PrefixListId: LIST, PreviousVersion: -1 }).detail,
      'PreviousVersion is not a version: -1',
    ],
    [
      'a version that is not a number',
      restore({ PrefixListId: LIST, PreviousVersion: 'v2' }).detail,
      'PreviousVersion is not a version: "v2"',
    ],
  ])('refuses %s (reported as unparsed, never guessed)', (_, record, error) => {
    expect(parsePrefixListRestore(record)).toEqual({ ok: false, error });
  });
});

/** An account whose group references the list; `read` is what a fresh read of the list returns. */
function accountWith(read: string[], versions: Record<number, string[]>) {
  const aws = inMemoryDeps();
  const ec2 = aws.ec2For('eu-west-1');
  ec2.prefixLists.set(LIST, {
    id: LIST,
    name: 'ops-bastion-sources',
    ownerId: '123456789012',
    entries: read,
  });
  for (const [version, entries] of Object.entries(versions))
    ec2.prefixListVersions.set(`${LIST}@${version}`, entries);
  const usesList = ruleOf({ groupId: GROUP, source: { kind: 'prefix-list', prefixListId: LIST } });
  ec2.addRules(usesList);
  const handler = makeGuardHandler(
    loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:t' }),
    aws.deps,
    silentLog,
  );
  return { ...aws, ec2, usesList, handler };
}

const WORLD_VERSION = { 4: [...CORP, '0.0.0.0/0'], 5: CORP };

describe('Class 1 Prefix-list rollback: handled like ModifyManagedPrefixList', () => {
  it.each([
    ['before the restore completed (the old, safe version)', CORP],
    ['after the restore completed (the restored world version)', [...CORP, '0.0.0.0/0']],
  ])(
    'revokes the referencing tcp/22 rule when the restored version admits the world, read %s',
    async (_, read) => {
      const { handler, ec2, usesList, publisher } = accountWith(read, WORLD_VERSION);
      const result = await handler(loadEvent('prefix-list-restore-world-version.json'));
      expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
      expect(ec2.rules.has(usesList.ruleId as string)).toBe(false);
      expect(publisher.messages).toHaveLength(1);
    },
  );

  it('never revokes for an entry only the replaced version held: a rollback to a safe version is compliant', async () => {
    const { handler, ec2, usesList, publisher } = accountWith([...CORP, '0.0.0.0/0'], {
      2: CORP,
      3: [...CORP, '0.0.0.0/0'],
    });
    const event = restore({
      RestoreManagedPrefixListVersionRequest: { PrefixListId: LIST, PreviousVersion: 2, CurrentVersion: 3 },
    });
    const result = await handler(event);
    expect(result).toMatchObject({ status: 'handled', violations: 0 });
    expect(ec2.rules.has(usesList.ruleId as string)).toBe(true);
    expect(publisher.messages).toHaveLength(0);
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

  it('judges the list as read when the restored version cannot be read (never silently skipped)', async () => {
    const { handler, ec2, usesList } = accountWith([...CORP, '0.0.0.0/0'], {});
    const result = await handler(loadEvent('prefix-list-restore-world-version.json'));
    expect(result).toMatchObject({ status: 'handled', violations: 1, actions: { revoked: 1 } });
    expect(ec2.rules.has(usesList.ruleId as string)).toBe(false);
  });

  it('reads both versions once each, and nothing when the rollback request cannot be read', async () => {
    const { handler, ec2 } = accountWith(CORP, WORLD_VERSION);
    await handler(loadEvent('prefix-list-restore-world-version.json'));
    expect(ec2.calls.filter((c) => c.action === 'readPrefixListVersion').map((c) => c.args)).toEqual([
      { prefixListId: LIST, version: 4 },
      { prefixListId: LIST, version: 5 },
    ]);
    const unreadable = accountWith(CORP, WORLD_VERSION);
    await expect(unreadable.handler(restore({ PrefixListId: LIST }))).resolves.toMatchObject({
      status: 'unparsed',
    });
    expect(unreadable.ec2.calls).toEqual([]);
  });
});
