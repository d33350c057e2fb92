import ipaddr from 'ipaddr.js';
import { isWholeIpv4Space, READINGS, type Reading, readPrefix, readQuad } from './cidr-spellings.js';

/**
 * CIDRs as numbers, never as strings: `203.0.113.9/0` is the whole internet and `0.0.0.0/16` is
 * not. ipaddr.js does the parsing (every IPv6 spelling, strict dotted quads); containment is
 * BigInt arithmetic on the network address. Spellings beyond the strict form (leading zeros, a
 * dotted quad inside IPv6) are read as cidr-spellings.ts says: only where every reading agrees.
 */
export type Family = 4 | 6;

export interface Cidr {
  readonly family: Family;
  /** Network address with host bits cleared. */
  readonly network: bigint;
  readonly prefix: number;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash < 0) return undefined;
  const address = trimmed.slice(0, slash);
  const prefixText = trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  // The fast path: the strict spelling EC2 itself writes, which is what a sweep reads.
  const value = prefixText.length === 1 || prefixText[0] !== '0' ? parseAddress(address) : undefined;
  if (!value) return parseSpelling(address, prefixText);
  const prefix = Number(prefixText);
  if (prefix > BITS[value.family]) return undefined;
  return { family: value.family, network: value.value & mask(value.family, prefix), prefix };
}

/** Strict dotted quad: what ipaddr's isValidFourPartDecimal accepts (no leading zeros, octets ≤ 255). */
const DOTTED_QUAD = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

/**
 * IPv4 is parsed by hand because a sweep parses hundreds of thousands of CIDRs and ipaddr's general
 * parser was most of the evaluator's CPU time; it accepts exactly what isValidFourPartDecimal does.
 * IPv6 with a dotted quad or a zone index is left to the slow path (ipaddr would read `010` in
 * `::ffff:010.0.0.0` as decimal, and accept `%eth0`, which names no network).
 */
function parseAddress(address: string): { family: Family; value: bigint } | undefined {
  const quad = DOTTED_QUAD.exec(address);
  if (quad) {
    let value = 0;
    for (let i = 1; i <= 4; i++) {
      const octet = Number(quad[i]);
      if (octet > 255) return undefined;
      value = value * 256 + octet;
    }
    return { family: 4, value: BigInt(value) };
  }
  if (!address.includes(':') || address.includes('.') || address.includes('%')) return undefined;
  return parseIpv6(address);
}

function parseIpv6(address: string): { family: Family; value: bigint } | undefined {
  try {
    // parse throws exactly where isValid says false; parsing once instead of twice halves the cost.
    const words = ipaddr.IPv6.parse(address).parts;
    return { family: 6, value: words.reduce((acc, word) => (acc << 16n) | BigInt(word), 0n) };
  } catch {
    return undefined;
  }
}

/**
 * Every other spelling, read every way a parser reads it: the CIDR when all readings that make
 * sense name one network, undefined when none does or they disagree (the caller reports it).
 */
function parseSpelling(address: string, prefixText: string): Cidr | undefined {
  if (!address.includes(':') && isWholeIpv4Space(address, prefixText))
    return { family: 4, network: 0n, prefix: 0 };
  let agreed: Cidr | undefined;
  for (const reading of READINGS) {
    const cidr = readCidr(address, prefixText, reading);
    if (!cidr) continue;
    if (
      agreed &&
      (agreed.family !== cidr.family || agreed.network !== cidr.network || agreed.prefix !== cidr.prefix)
    )
      return undefined;
    agreed = cidr;
  }
  return agreed;
}

function readCidr(address: string, prefixText: string, reading: Reading): Cidr | undefined {
  const value = readAddress(address, reading);
  const prefix = value && readPrefix(prefixText, reading, BITS[value.family]);
  if (!value || prefix === undefined) return undefined;
  return { family: value.family, network: value.value & mask(value.family, prefix), prefix };
}

function readAddress(address: string, reading: Reading): { family: Family; value: bigint } | undefined {
  if (!address.includes(':')) {
    const quad = readQuad(address, reading);
    return quad === undefined ? undefined : { family: 4, value: BigInt(quad) };
  }
  if (address.includes('%')) return undefined;
  const tail = address.lastIndexOf(':') + 1;
  if (!address.includes('.', tail)) return parseIpv6(address);
  // An IPv4-mapped or -compatible spelling: its quad is read like any other.
  const quad = readQuad(address.slice(tail), reading);
  if (quad === undefined) return undefined;
  return parseIpv6(`${address.slice(0, tail)}${(quad >>> 16).toString(16)}:${(quad & 0xffff).toString(16)}`);
}

export function mustParseCidr(text: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`not a CIDR: ${text}`);
  return cidr;
}

function maskOf(family: Family, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  const all = (1n << bits) - 1n;
  return prefix === 0 ? 0n : all ^ ((1n << (bits - BigInt(prefix))) - 1n);
}

/** Network masks by family and prefix length, computed once (BigInt arithmetic is not cheap). */
const MASKS: Record<Family, readonly bigint[]> = {
  4: Array.from({ length: 33 }, (_, prefix) => maskOf(4, prefix)),
  6: Array.from({ length: 129 }, (_, prefix) => maskOf(6, prefix)),
};

function mask(family: Family, prefix: number): bigint {
  return MASKS[family][prefix] as bigint;
}

/** True when every address of `inner` lies in `outer`. */
export function isWithin(inner: Cidr, outer: Cidr): boolean {
  return (
    inner.family === outer.family &&
    outer.prefix <= inner.prefix &&
    (inner.network & mask(outer.family, outer.prefix)) === outer.network
  );
}

export function isWithinAny(inner: Cidr, outers: readonly Cidr[]): boolean {
  return outers.some((outer) => isWithin(inner, outer));
}

/** Number of addresses in the range, as a BigInt (IPv6 ranges are far past 2^53). */
export function sizeOf(cidr: Cidr): bigint {
  return 1n << BigInt(BITS[cidr.family] - cidr.prefix);
}

/** The canonical spelling: host bits cleared, IPv6 compressed. */
export function formatCidr(cidr: Cidr): string {
  if (cidr.family === 4) {
    const n = Number(cidr.network);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${cidr.prefix}`;
  }
  const words: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) words.push(Number((cidr.network >> shift) & 0xffffn));
  return `${new ipaddr.IPv6(words).toString()}/${cidr.prefix}`;
}

export function canonicalCidr(text: string): string {
  const cidr = parseCidr(text);
  return cidr ? formatCidr(cidr) : text.trim();
}

/**
 * True when every address of `cidr` lies in the union of `ranges`, even if no single range holds it
 * all (224.0.0.0/3 is multicast plus reserved; two adjacent trusted /24s hold their /23). CIDRs
 * either nest or are disjoint, so splitting in halves only where a range lies strictly inside ends fast.
 */
export function isCoveredBy(cidr: Cidr, ranges: readonly Cidr[]): boolean {
  if (isWithinAny(cidr, ranges)) return true;
  const bits = BITS[cidr.family];
  if (cidr.prefix >= bits || !ranges.some((r) => isWithin(r, cidr) && r.prefix > cidr.prefix)) return false;
  const prefix = cidr.prefix + 1;
  const upper = cidr.network | (1n << BigInt(bits - prefix));
  return (
    isCoveredBy({ family: cidr.family, network: cidr.network, prefix }, ranges) &&
    isCoveredBy({ family: cidr.family, network: upper, prefix }, ranges)
  );
}
