import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrefixListChange } from '../../functions/parse/modify-prefix-list.js';
import { cloudTrailEvent, loadEvent } from '../support/events.js';

const recordOf = (request: unknown, response: unknown = null) =>
  cloudTrailEvent('ModifyManagedPrefixList', request, response).detail as Record<string, unknown>;

describe('ModifyManagedPrefixList records', () => {
  it.each([
    ['prefix-list-modified-add-world.json', { added: ['0.0.0.0/0'], removed: [], version: 4 }],
    [
      'prefix-list-modified-add-several.json',
      { added: ['198.51.100.0/24', '0.0.0.0/0'], removed: ['172.16.0.0/12'], version: 5 },
    ],
  ])('%s: reads the list, the CIDRs added and removed, and the version', (file, expected) => {
    expect(parsePrefixListChange(loadEvent(file).detail)).toEqual({
      ok: true,
      value: { prefixListId: 'pl-0c0ffee0c0ffee001', addition: 'entries', ...expected },
    });
  });

  it.each<[string, unknown, unknown, unknown]>([
    [
      'the documented spelling Cidr and a numeric tag',
      { PrefixListId: 'pl-1', AddEntry: { Cidr: '0.0.0.0/0', tag: 1 } },
      null,
      { ok: true, value: { prefixListId: 'pl-1', added: ['0.0.0.0/0'], removed: [], addition: 'entries' } },
    ],
    [
      'an edit that only removes',
      { PrefixListId: 'pl-1', RemoveEntry: [{ cidr: '10.0.0.0/8', tag: '1' }] },
      null,
      { ok: true, value: { prefixListId: 'pl-1', added: [], removed: ['10.0.0.0/8'], addition: 'none' } },
    ],
    [
      'a list id only in the response',
      { AddEntry: { cidr: '0.0.0.0/0' } },
      { ModifyManagedPrefixListResponse: { prefixList: { prefixListId: 'pl-2' } } },
      { ok: true, value: { prefixListId: 'pl-2', added: ['0.0.0.0/0'], removed: [], addition: 'entries' } },
    ],
    [
      'no request',
      undefined,
      null,
      { ok: false, error: expect.stringMatching(/ModifyManagedPrefixListRequest/) },
    ],
    [
      'no list id anywhere',
      { AddEntry: { cidr: '0.0.0.0/0' } },
      null,
      { ok: false, error: 'PrefixListId missing' },
    ],
  ])('%s', (_name, request, response, expected) => {
    const record = recordOf(
      request === undefined ? {} : { ModifyManagedPrefixListRequest: request },
      response,
    );
    expect(parsePrefixListChange(record)).toEqual(expected);
  });

  it.each<[string, unknown, readonly string[], readonly string[]]>([
    ['a bare string', '0.0.0.0/0', [], ['AddEntry entry without a CIDR: "0.0.0.0/0"']],
    ['an array of strings', ['0.0.0.0/0'], [], ['AddEntry entry without a CIDR: "0.0.0.0/0"']],
    ['strings under items', { items: ['0.0.0.0/0'] }, [], ['AddEntry entry without a CIDR: "0.0.0.0/0"']],
    [
      'entries under an unknown key',
      { member: [{ Cidr: '0.0.0.0/0' }] },
      [],
      ['AddEntry entry without a CIDR: {"member":[{…}]}'],
    ],
    [
      'one entry without a CIDR beside a readable one',
      [
        { Cidr: '0.0.0.0/0', tag: 1 },
        { Description: 'x', tag: 2 },
      ],
      ['0.0.0.0/0'],
      ['AddEntry entry without a CIDR: {"Description":"x","tag":2}'],
    ],
    ['a number', 7, [], ['AddEntry entry without a CIDR: 7']],
    ['a nested array', [['0.0.0.0/0']], [], ['AddEntry entry without a CIDR: ["0.0.0.0/0"]']],
    [
      'thousands of odd entries (named by the first five, then counted)',
      Array.from({ length: 5000 }, () => 'x'),
      [],
      [
        ...Array.from({ length: 5 }, () => 'AddEntry entry without a CIDR: "x"'),
        '4995 more AddEntry entries without a CIDR',
      ],
    ],
  ])(
    'all or nothing parsing: AddEntry as %s is an addition, and what cannot be read is named',
    (_n, AddEntry, added, unreadable) => {
      const record = recordOf({ ModifyManagedPrefixListRequest: { PrefixListId: 'pl-1', AddEntry } });
      expect(parsePrefixListChange(record)).toEqual({
        ok: true,
        value: { prefixListId: 'pl-1', added, removed: [], addition: 'entries', unreadable },
      });
    },
  );

  it.each<[string, unknown]>([
    ['absent', undefined],
    ['null', null],
    ['an empty string', ''],
    ["an empty object (CloudTrail's empty list)", {}],
    ['an empty array', []],
    ['empty items', { items: [] }],
    ['empty items of an empty item', { items: { item: {} } }],
  ])('an AddEntry that is %s adds nothing', (_n, AddEntry) => {
    const record = recordOf({ ModifyManagedPrefixListRequest: { PrefixListId: 'pl-1', AddEntry } });
    expect(parsePrefixListChange(record)).toMatchObject({ ok: true, value: { addition: 'none', added: [] } });
  });

  it('all or nothing parsing: a RemoveEntry without a CIDR is named, the edit still read', () => {
    const record = recordOf({
      ModifyManagedPrefixListRequest: {
        PrefixListId: 'pl-1',
        AddEntry: { Cidr: '0.0.0.0/0' },
        RemoveEntry: ['10.0.0.0/8'],
      },
    });
    expect(parsePrefixListChange(record)).toEqual({
      ok: true,
      value: {
        prefixListId: 'pl-1',
        added: ['0.0.0.0/0'],
        removed: [],
        addition: 'entries',
        unreadable: ['RemoveEntry entry without a CIDR: "10.0.0.0/8"'],
      },
    });
  });

  it('property: an AddEntry holding anything at all is an addition; only empty shapes add nothing', () => {
    fc.assert(
      fc.property(wrappedJson, (AddEntry) => {
        const record = recordOf({ ModifyManagedPrefixListRequest: { PrefixListId: 'pl-1', AddEntry } });
        const parsed = parsePrefixListChange(record);
        expect(parsed.ok).toBe(true);
        const addition = parsed.ok ? parsed.value.addition : undefined;
        // Independent oracle: strip CloudTrail's list wrappers, then anything left is an entry.
        expect(addition).toBe(hasElements(AddEntry) ? 'entries' : 'none');
        if (addition === 'entries' && parsed.ok)
          expect(parsed.value.added.length + (parsed.value.unreadable?.length ?? 0)).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

/** Any JSON, also inside the wrappers CloudTrail writes around a list. */
const wrappedJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ items: v })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ items: { item: v } })),
  fc.constantFrom(undefined, null, '', {}, [], { items: [] }, { items: {} }),
);

/** Oracle of "the edit adds something": the wrappers CloudTrail writes (`items`, `item`) hold nothing of their own. */
function hasElements(value: unknown, depth = 0): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value !== 'object') return true;
  const record = value as Record<string, unknown>;
  if (depth < 4 && 'items' in record) return hasElements(record.items, depth + 1);
  if (depth < 4 && 'item' in record) return hasElements(record.item, depth + 1);
  return Object.keys(record).length > 0;
}
