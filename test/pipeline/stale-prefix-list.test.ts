import { describe, expect, it } from 'vitest';
import type { PrefixListInfo } from '../../functions/core/model/prefix-list.js';
import { type PrefixListChange, readPredatesEdit } from '../../functions/core/model/prefix-list-change.js';
import { loadPrefixLists, PrefixListSettlingError } from '../../functions/pipeline/load-prefix-lists.js';
import { InMemoryEc2 } from '../support/in-memory-aws.js';

const LIST = 'pl-0c0ffee0c0ffee001';
const EDIT: PrefixListChange = { prefixListId: LIST, added: ['0.0.0.0/0'], removed: [], version: 4 };
const listAt = (version: number, entries: string[], state = 'modify-complete'): PrefixListInfo => ({
  id: LIST,
  ownerId: '123456789012',
  entries,
  version,
  state,
});

describe('stale prefix-list events: the list is judged at its current version', () => {
  it.each<[string, PrefixListInfo, PrefixListChange, boolean]>([
    ['the version the edit made, settled', listAt(4, ['0.0.0.0/0']), EDIT, false],
    ['a later version (the world entry removed since)', listAt(5, ['10.0.0.0/8']), EDIT, false],
    ['an older version', listAt(3, ['10.0.0.0/8']), EDIT, true],
    ['an edit still in progress', listAt(4, ['10.0.0.0/8'], 'modify-in-progress'), EDIT, true],
    [
      'a record without a version, settled',
      listAt(1, ['10.0.0.0/8']),
      { ...EDIT, version: undefined },
      false,
    ],
    ['another list', { ...listAt(1, []), id: 'pl-0other' }, EDIT, false],
    ['a list that could not be read', { id: LIST, error: 'AccessDenied' }, EDIT, false],
  ])('a read of %s predates the edit: %s', (_name, list, change, expected) => {
    expect(readPredatesEdit(list, change)).toBe(expected);
  });

  it('never lays the event’s edit over a fresh read: a delayed event whose world entry is gone judges what is there', async () => {
    const ec2 = new InMemoryEc2();
    ec2.prefixLists.set(LIST, listAt(5, ['10.0.0.0/8']));
    const loaded = await loadPrefixLists([LIST], ec2, [], [EDIT]);
    expect(loaded.get(LIST)?.entries).toEqual(['10.0.0.0/8']);
  });

  it('throws for a retry (never judges) while the list is older than the edit', async () => {
    const ec2 = new InMemoryEc2();
    ec2.prefixLists.set(LIST, listAt(4, ['10.0.0.0/8'], 'modify-in-progress'));
    await expect(loadPrefixLists([LIST], ec2, [], [EDIT])).rejects.toBeInstanceOf(PrefixListSettlingError);
  });
});
