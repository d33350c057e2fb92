import { describe, expect, it } from 'vitest';
import { createEicListCache } from '../../functions/pipeline/eic-list-cache.js';
import { InMemoryEc2 } from '../support/in-memory-aws.js';

describe('the EC2 Instance Connect list cache, alive as long as the object', () => {
  it('looks a region up once and then answers from memory', async () => {
    const ec2 = new InMemoryEc2();
    ec2.eicPrefixLists = { ipv4: 'pl-0eic4', ipv6: 'pl-0eic6' };
    const cache = createEicListCache();
    await cache.lookup('eu-west-1', ec2);
    await expect(cache.lookup('eu-west-1', ec2)).resolves.toEqual({
      region: 'eu-west-1',
      ipv4: 'pl-0eic4',
      ipv6: 'pl-0eic6',
    });
    expect(ec2.callCount('findEicPrefixLists')).toBe(1);
    expect(cache.known('eu-west-1')).toEqual([
      { id: 'pl-0eic4', name: 'com.amazonaws.eu-west-1.ec2-instance-connect', ownerId: 'AWS' },
      { id: 'pl-0eic6', name: 'com.amazonaws.eu-west-1.ipv6.ec2-instance-connect', ownerId: 'AWS' },
    ]);
  });

  it('keeps a failed lookup as a value and does not remember it, so the next event retries', async () => {
    const ec2 = new InMemoryEc2();
    ec2.eicLookupError = Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' });
    const cache = createEicListCache();
    await expect(cache.lookup('eu-west-1', ec2)).resolves.toEqual({
      region: 'eu-west-1',
      error: 'UnauthorizedOperation: denied',
    });
    expect(cache.known('eu-west-1')).toEqual([]);
    ec2.eicLookupError = undefined;
    await cache.lookup('eu-west-1', ec2);
    expect(ec2.callCount('findEicPrefixLists')).toBe(2);
  });

  it('shares nothing between two caches: the lifetime is the object’s', async () => {
    const ec2 = new InMemoryEc2();
    await createEicListCache().lookup('eu-west-1', ec2);
    await createEicListCache().lookup('eu-west-1', ec2);
    expect(ec2.callCount('findEicPrefixLists')).toBe(2);
  });
});
