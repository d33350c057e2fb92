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
      value: { prefixListId: 'pl-0c0ffee0c0ffee001', ...expected },
    });
  });

  it.each<[string, unknown, unknown, unknown]>([
    [
      'the documented spelling Cidr and a numeric tag',
      { PrefixListId: 'pl-1', AddEntry: { Cidr: '0.0.0.0/0', tag: 1 } },
      null,
      { ok: true, value: { prefixListId: 'pl-1', added: ['0.0.0.0/0'], removed: [] } },
    ],
    [
      'an edit that only removes',
      { PrefixListId: 'pl-1', RemoveEntry: [{ cidr: '10.0.0.0/8', tag: '1' }] },
      null,
      { ok: true, value: { prefixListId: 'pl-1', added: [], removed: ['10.0.0.0/8'] } },
    ],
    [
      'a list id only in the response',
      { AddEntry: { cidr: '0.0.0.0/0' } },
      { ModifyManagedPrefixListResponse: { prefixList: { prefixListId: 'pl-2' } } },
      { ok: true, value: { prefixListId: 'pl-2', added: ['0.0.0.0/0'], removed: [] } },
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
    [
      'an entry without a CIDR (never guessed)',
      { PrefixListId: 'pl-1', AddEntry: [{ Description: 'x' }] },
      null,
      { ok: false, error: 'AddEntry entry without a CIDR' },
    ],
  ])('%s', (_name, request, response, expected) => {
    const record = recordOf(
      request === undefined ? {} : { ModifyManagedPrefixListRequest: request },
      response,
    );
    expect(parsePrefixListChange(record)).toEqual(expected);
  });
});
