import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readers as hand } from '../../scripts/bench/schema/hand.js';
import type { Readers } from '../../scripts/bench/schema/shared.js';
import { readers as valibot } from '../../scripts/bench/schema/valibot.js';
import { readers as zod } from '../../scripts/bench/schema/zod.js';
import { readers as zodMini } from '../../scripts/bench/schema/zod-mini.js';

// The schema-library measurement (scripts/bench-schema.ts) compares like with like only if every
// prototype gives the hand-written reader's answers, on real CloudTrail shapes first of all.
const LIBRARIES: [string, Readers][] = [
  ['zod', zod],
  ['zod/mini', zodMini],
  ['valibot', valibot],
];
const EVENTS = join(import.meta.dirname, '../../events');

const samplePermissions = readdirSync(EVENTS)
  .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
  .map((f) => [f, JSON.parse(readFileSync(join(EVENTS, f), 'utf8')).detail?.requestParameters?.ipPermissions])
  .filter(([, permissions]) => permissions !== undefined) as [string, unknown][];

const shapes: [string, unknown][] = [
  ['an empty list written as {}', {}],
  [
    'a lone permission without items',
    { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
  ],
  ['ports as strings', { items: [{ ipProtocol: 'tcp', fromPort: '22', toPort: '22', ipRanges: {} }] }],
  ['a numeric protocol', [{ ipProtocol: 6, ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] } }]],
  ['a permission without protocol', { items: [{ fromPort: 22, toPort: 22 }] }],
  [
    'a range without a CIDR next to one with',
    { items: [{ ipProtocol: '-1', ipRanges: { items: [{}, { cidrIp: '10.0.0.0/8' }] } }] },
  ],
  ['nothing at all', undefined],
];

const exemptionTexts: [string, string][] = [
  [
    'a full entry',
    '[{"groupId":"sg-0a1b2c3d","cidr":"203.0.113.0/24","reason":"r","expires":"2026-12-31","approvedBy":"a"}]',
  ],
  [
    'padded values',
    '[{"groupId":" sg-0a1b2c3d ","reason":" r ","expires":"2026-12-31T18:00:00Z","approvedBy":"a"}]',
  ],
  ['a misspelt key', '[{"groupId":"sg-0a1b2c3d","reason":"r","expires":"2026-12-31","approvedby":"a"}]'],
  ['a blank reason', '[{"groupId":"sg-0a1b2c3d","reason":" ","expires":"2026-12-31","approvedBy":"a"}]'],
  [
    'a time without a zone',
    '[{"groupId":"sg-0a1b2c3d","reason":"r","expires":"2026-12-31T18:00","approvedBy":"a"}]',
  ],
  ['an object, not an array', '{}'],
  ['not JSON', '['],
];

describe.each(LIBRARIES)('the %s prototype reads what the hand-written reader reads', (_name, readers) => {
  it.each([...samplePermissions, ...shapes])('ipPermissions: %s', (_case, raw) => {
    expect(readers.readPermissions(raw)).toEqual(hand.readPermissions(raw));
  });

  it.each(exemptionTexts)('EXEMPTIONS: %s (accepted or refused alike)', (_case, text) => {
    const expected = hand.readExemptions(text);
    const actual = readers.readExemptions(text);
    expect(actual.ok).toBe(expected.ok);
    if (expected.ok) expect(actual).toEqual(expected);
  });
});
