import fc from 'fast-check';

/**
 * An IPv4 CIDR and a spelling of it with up to two leading zeros in each part and in the prefix, as
 * a hand-written or generated request might carry it: EC2 stores the canonical network.
 */
export function spelledCidr(): fc.Arbitrary<{ readonly canonical: string; readonly text: string }> {
  const padded = (part: string) =>
    fc.integer({ min: 0, max: Math.max(0, 3 - part.length) }).map((n) => '0'.repeat(n) + part);
  return fc
    .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
    .chain(([n, prefix]) => {
      const octets = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].map(String);
      return fc.tuple(...octets.map(padded), padded(String(prefix))).map(([a, b, c, d, p]) => ({
        canonical: `${octets.join('.')}/${prefix}`,
        text: `${a}.${b}.${c}.${d}/${p}`,
      }));
    });
}
