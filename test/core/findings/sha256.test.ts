import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findingIdOf } from '../../../functions/core/findings/build-finding.js';
import { sha256Hex } from '../../../functions/core/findings/sha256.js';
import { TEST_TRIGGER } from '../../support/policy.js';

const nodeSha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the core SHA-256 behind finding ids', () => {
  it.each([
    ['the empty string', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc" (FIPS 180-4 example)', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'the two-block FIPS 180-4 example',
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('hashes %s as the standard says', (_name, text, digest) => {
    expect(sha256Hex(text)).toBe(digest);
  });

  it.each([55, 56, 63, 64, 65, 119, 120, 1000])('pads a %i-byte message like node:crypto', (length) => {
    const text = 'x'.repeat(length);
    expect(sha256Hex(text)).toBe(nodeSha256(text));
  });

  it('agrees with node:crypto on any string, multi-byte UTF-8 included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(text));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps finding ids what they were with node:crypto', () => {
    const expected = `sig-${nodeSha256(['ssh-world-open', '123456789012', 'eu-west-1', TEST_TRIGGER.eventId, 'sgr-1'].join('\n')).slice(0, 32)}`;
    expect(
      findingIdOf(
        'ssh-world-open',
        { ...TEST_TRIGGER, account: '123456789012', region: 'eu-west-1' },
        'sgr-1',
      ),
    ).toBe(expected);
  });
});
