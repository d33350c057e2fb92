import { type Cidr, isCoveredBy, mustParseCidr } from '../model/cidr.js';

/**
 * Address space that is not reachable from the internet. A source is private only when its WHOLE
 * range lies inside one of these: 0.0.0.0/0 and 128.0.0.0/1 contain private space and are still world.
 */
const IPV4 = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // RFC 1918
  '100.64.0.0/10', // carrier-grade NAT, RFC 6598
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local
  '172.16.0.0/12', // RFC 1918
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // TEST-NET-1
  '192.168.0.0/16', // RFC 1918
  '198.18.0.0/15', // benchmarking, RFC 2544
  '198.51.100.0/24', // TEST-NET-2
  '203.0.113.0/24', // TEST-NET-3
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, includes broadcast
].map(mustParseCidr);

/**
 * IPv6 outside global unicast 2000::/3 (ULA fc00::/7, link-local fe80::/10, multicast, mapped IPv4...)
 * is not routable, nor is the documentation range 2001:db8::/32. Listed as the complement of 2000::/3.
 */
const IPV6 = ['::/3', '4000::/2', '8000::/1', '2001:db8::/32'].map(mustParseCidr);

export const NON_ROUTABLE: Readonly<Record<4 | 6, readonly Cidr[]>> = { 4: IPV4, 6: IPV6 };

/** Wholly non-routable: every address lies in the listed space (a union, not one range). */
export function isNonRoutable(cidr: Cidr): boolean {
  return isCoveredBy(cidr, NON_ROUTABLE[cidr.family]);
}
