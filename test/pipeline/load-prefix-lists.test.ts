import { describe, expect, it } from 'vitest';
import { loadPrefixLists } from '../../functions/pipeline/load-prefix-lists.js';
import { InMemoryEc2 } from '../support/in-memory-aws.js';

const LIST = 'pl-0a1b2c3d4e5f60077';

describe('loading prefix lists', () => {
  it('makes no call when nothing is wanted', async () => {
    const ec2 = new InMemoryEc2();
    await expect(loadPrefixLists([], ec2)).resolves.toEqual(new Map());
    expect(ec2.callCount()).toBe(0);
  });

  it('reads only the lists not already known, in one call', async () => {
    const ec2 = new InMemoryEc2();
    ec2.prefixLists.set(LIST, { id: LIST, entries: ['10.0.0.0/8'] });
    const known = { id: 'pl-0eic4', name: 'com.amazonaws.eu-west-1.ec2-instance-connect', ownerId: 'AWS' };
    const loaded = await loadPrefixLists([LIST, 'pl-0eic4'], ec2, [known]);
    expect(ec2.calls).toEqual([{ action: 'readPrefixLists', args: [LIST] }]);
    expect(loaded.get(LIST)).toEqual({ id: LIST, entries: ['10.0.0.0/8'] });
    expect(loaded.get('pl-0eic4')).toEqual(known);
  });

  it('keeps a list that cannot be read as an error value (a review finding, never a guess)', async () => {
    const loaded = await loadPrefixLists(['pl-0000000000000dead'], new InMemoryEc2());
    expect(loaded.get('pl-0000000000000dead')).toMatchObject({ error: expect.stringContaining('NotFound') });
  });
});
