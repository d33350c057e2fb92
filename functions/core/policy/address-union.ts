import { type Cidr, type Family, sizeOf } from '../model/cidr.js';

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

/**
 * How many distinct addresses a set of same-family CIDRs covers: overlaps count once (a union, not
 * a sum). CIDRs either nest or are disjoint, so after sorting by start (widest first on a tie) a
 * range is either inside the last one kept or wholly after it.
 */
export function unionSize(cidrs: readonly Cidr[]): bigint {
  const sorted = [...cidrs].sort((a, b) =>
    a.network < b.network ? -1 : a.network > b.network ? 1 : a.prefix - b.prefix,
  );
  let total = 0n;
  let end = -1n;
  for (const cidr of sorted) {
    if (cidr.network < end) continue;
    const size = sizeOf(cidr);
    total += size;
    end = cidr.network + size;
  }
  return total;
}

/** Addresses in a range of the world bound's size: a /8 is 2^24 IPv4 addresses. */
export function worldSize(family: Family, boundPrefix: number): bigint {
  return 1n << BigInt(BITS[family] - boundPrefix);
}

/** The widest prefix no larger than `size` addresses, for people: 2^31 IPv4 addresses is "a /1". */
export function prefixEquivalent(family: Family, size: bigint): number {
  let prefix = BITS[family];
  while (prefix > 0 && 1n << BigInt(BITS[family] - prefix + 1) <= size) prefix -= 1;
  return prefix;
}
