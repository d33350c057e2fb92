/**
 * CIDR spellings EC2 may accept beyond the strict form, read only where there is one answer.
 *
 * EC2 canonicalizes the CIDRs it stores: 100.68.0.18/18 is stored, described and compared as
 * 100.68.0.0/18 (EC2 API reference, IpRange and SecurityGroupRuleRequest). What it does with a part
 * written with a leading zero is not documented, and parsers disagree: `010` is ten to a decimal
 * reader and eight to an octal one (inet_aton, which most network tools use). So a spelling is
 * taken only when every reading names the same network (`000.0.0.0/0`, `10.1.2.03/8`, `/00`);
 * when the readings differ (`010.0.0.0/8` is 10.0.0.0/8 or 8.0.0.0/8) the guard cannot know what
 * EC2 stored, and the caller reports it as unparsed instead of judging either network.
 */
export type Reading = 'decimal' | 'octal';

export const READINGS: readonly Reading[] = ['decimal', 'octal'];

const DIGITS = /^\d{1,3}$/;
const OCTAL = /^[0-7]+$/;

/** One decimal-digit part as a reading sees it; an octal reader rejects the digits 8 and 9. */
function readPart(part: string, reading: Reading): number | undefined {
  if (!DIGITS.test(part)) return undefined;
  if (reading === 'octal' && part.length > 1 && part.startsWith('0'))
    return OCTAL.test(part) ? Number.parseInt(part, 8) : undefined;
  return Number(part);
}

/** A prefix length as one reading sees it, within the family's bits. */
export function readPrefix(text: string, reading: Reading, bits: number): number | undefined {
  const prefix = readPart(text, reading);
  return prefix !== undefined && prefix <= bits ? prefix : undefined;
}

/** A dotted quad of 1-3 digit parts as one reading sees it, as a 32-bit number. */
export function readQuad(text: string, reading: Reading): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const octet = readPart(part, reading);
    if (octet === undefined || octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Digits and dots, at least one digit: what an IPv4 field holds, whatever a reader makes of it. */
const IPV4_SHAPED = /^(?=.*\d)[\d.]+$/;

/**
 * Under a /0 prefix the address does not matter: whatever IPv4 address EC2 read from `0/0` or
 * `203.0.113.9/0` (or from a mistyped `123.456.789.123/0`, which EC2 has been seen to store as
 * 0.0.0.0/0), the rule admits every IPv4 address.
 */
export function isWholeIpv4Space(address: string, prefixText: string): boolean {
  return /^0+$/.test(prefixText) && IPV4_SHAPED.test(address);
}
