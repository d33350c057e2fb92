import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { formatCidr, parseCidr } from '../../../functions/core/model/cidr.js';
import { spelledCidr } from '../../support/cidr-spellings.js';

// EC2 canonicalizes the CIDRs it stores (100.68.0.18/18 is stored as 100.68.0.0/18: EC2 API
// reference, IpRange and SecurityGroupRuleRequest). How it reads a part written with a leading zero is
// not documented: decimal to some parsers, octal to inet_aton. A spelling is judged only where every
// reading names one network; any other is unparsed, so it is reported and never judged "not SSH".

const stored = (text: string) => {
  const cidr = parseCidr(text);
  return cidr ? formatCidr(cidr) : undefined;
};

describe('spellings EC2 accepts: CIDRs', () => {
  it.each<[string, string]>([
    // Leading zeros where decimal and octal agree.
    ['000.0.0.0/0', '0.0.0.0/0'],
    ['000.000.000.000/0', '0.0.0.0/0'],
    ['00.00.00.00/00', '0.0.0.0/0'],
    ['0.0.0.0/00', '0.0.0.0/0'],
    ['0.0.0.0/000', '0.0.0.0/0'],
    ['010.0.0.0/0', '0.0.0.0/0'],
    ['10.1.2.03/8', '10.0.0.0/8'],
    ['10.01.0.0/16', '10.1.0.0/16'],
    ['203.000.113.007/32', '203.0.113.7/32'],
    ['0.0.0.0/01', '0.0.0.0/1'],
    // Digits 8 and 9 are not octal: only the decimal reading is left.
    ['019.0.0.0/8', '19.0.0.0/8'],
    ['10.0.0.0/08', '10.0.0.0/8'],
    // Host bits set: EC2 stores the network.
    ['203.0.113.9/0', '0.0.0.0/0'],
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['100.68.0.18/18', '100.68.0.0/18'],
    // Under /0 the address does not matter, whatever EC2 read from it.
    ['0/0', '0.0.0.0/0'],
    ['123.456.789.123/0', '0.0.0.0/0'],
    // Whitespace around the value.
    [' 0.0.0.0/0 ', '0.0.0.0/0'],
    ['\t0.0.0.0/0\n', '0.0.0.0/0'],
    // IPv6: every spelling of the same address is one address.
    ['0::/0', '::/0'],
    ['::0/0', '::/0'],
    ['0000:0000:0000:0000:0000:0000:0000:0000/0', '::/0'],
    ['::/00', '::/0'],
    ['::/000', '::/0'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['2001:0db8:0000::1/32', '2001:db8::/32'],
    ['2600:1F18::/0', '::/0'],
    ['::ffff:0.0.0.0/96', '::ffff:0:0/96'],
    ['::FFFF:000.0.0.0/0', '::/0'],
    ['::ffff:10.0.0.01/128', '::ffff:a00:1/128'],
  ])('%j is stored as %s', (text, canonical) => {
    expect(stored(text)).toBe(canonical);
  });

  it.each<[string, string]>([
    ['010.0.0.0/8', 'decimal 10.0.0.0/8, octal 8.0.0.0/8'],
    ['192.168.001.010/32', 'decimal .10, octal .8'],
    ['0.0.0.0/010', 'decimal /10, octal /8'],
    ['10.0.0.0/010', 'decimal /10, octal /8'],
    ['::ffff:010.0.0.0/104', 'the quad inside IPv6 read both ways'],
    ['::/064', 'decimal /64, octal /52'],
    ['0x0a.0.0.0/8', 'hexadecimal'],
    ['10/8', 'fewer than four parts'],
    ['10.1/16', 'fewer than four parts'],
    ['167772160/8', 'one 32-bit number'],
    ['0.0.0.0 /0', 'whitespace inside'],
    ['0.0.0.0/ 0', 'whitespace inside'],
    ['0.0.0.0', 'no prefix'],
    ['0.0.0.0/33', 'prefix past 32'],
    ['0.0.0.0/0032', 'four-digit prefix'],
    ['fe80::1%eth0/64', 'a zone index names an interface, not a network'],
    ['::/129', 'prefix past 128'],
    ['1:2:3:4:5:6:7:8:9/0', 'nine groups'],
    ['::ffff:1.2.3/96', 'three-part quad inside IPv6'],
    ['./0', 'no digit'],
    ['/0', 'no address'],
    ['', 'empty'],
  ])('%j is unparsed (%s): reported, never judged', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  const spelling = spelledCidr();

  /** The octal reading, taken from ipaddr.js's inet_aton-style parser (independent of ours); undefined when it has none. */
  function octalReading(text: string): string | undefined {
    const [address = '', prefixText = ''] = text.split('/');
    if (!ipaddr.IPv4.isValid(address)) return undefined;
    const prefix = /^0[0-7]+$/.test(prefixText) ? Number.parseInt(prefixText, 8) : Number(prefixText);
    if (/^0\d*[89]/.test(prefixText) || prefix > 32) return undefined;
    return `${ipaddr.IPv4.networkAddressFromCIDR(`${ipaddr.IPv4.parse(address).toString()}/${prefix}`)}/${prefix}`;
  }

  it('reads any leading-zero spelling as the canonical network, or leaves it unparsed; never another network', () => {
    fc.assert(
      fc.property(spelling, ({ canonical, text }) => {
        const decimal = stored(canonical);
        const octal = octalReading(text);
        const ours = stored(text);
        if (ours !== undefined) expect([ours, octal ?? ours]).toEqual([decimal, decimal]);
        // And it is unparsed only when the readings disagree.
        else expect(octal).not.toBe(decimal);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads any digits-and-dots address under a /0 prefix as every IPv4 address', () => {
    const address = fc.stringMatching(/^[0-9.]{1,20}$/).filter((a) => /\d/.test(a));
    fc.assert(
      fc.property(address, fc.constantFrom('0', '00', '000'), (a, p) => {
        expect(stored(`${a}/${p}`)).toBe('0.0.0.0/0');
      }),
    );
  });
});
