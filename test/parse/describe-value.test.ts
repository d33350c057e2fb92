import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeValue } from '../../functions/parse/json.js';

/** Nesting built in a loop (a recursive builder would itself overflow). */
function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

describe('Class 7 Hostile shapes: a record value quoted in a reason is bounded in depth and length', () => {
  it.each<[string, unknown, string]>([
    ['a short string, as JSON writes it', 'ssh', '"ssh"'],
    ['a number', 6.5, '6.5'],
    ['null', null, 'null'],
    ['an absent value', undefined, 'undefined'],
    ['a small object, as JSON writes it', { Description: 'x', tag: 2 }, '{"Description":"x","tag":2}'],
    ['a small list', ['sg-1', 'sg-2'], '["sg-1","sg-2"]'],
    ['empty containers', [{}, []], '[{},[]]'],
    ['20,000 levels of objects', nested(20_000, (v) => ({ a: v })), '{"a":{"a":{…}}}'],
    ['20,000 levels of arrays', nested(20_000, (v) => [v]), '[[[…]]]'],
    ['20,000 levels of `items`', nested(20_000, (v) => ({ items: v })), '{"items":{"items":{…}}}'],
    ['a long list, named by its first five', [1, 2, 3, 4, 5, 6, 7], '[1,2,3,4,5,…]'],
    [
      'an object of many keys',
      Object.fromEntries([...'abcdefg'].map((k) => [k, 0])),
      '{"a":0,"b":0,"c":0,"d":0,"e":0,…}',
    ],
  ])('%s', (_name, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('cuts a 250 KB string to a line', () => {
    const described = describeValue('x'.repeat(250_000));
    expect(described.length).toBeLessThanOrEqual(121);
    expect(described.startsWith('"xxx')).toBe(true);
    expect(described.endsWith('…')).toBe(true);
  });

  it('property: never throws and never exceeds a line, whatever the value', () => {
    const hostile = fc.oneof(
      fc.jsonValue(),
      fc.string({ minLength: 0, maxLength: 2000 }),
      fc.integer({ min: 1, max: 30_000 }).map((depth) => nested(depth, (v) => ({ items: [v] }))),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        expect(describeValue(value).length).toBeLessThanOrEqual(121);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a small value reads exactly as JSON writes it (the oracle)', () => {
    const small = fc.jsonValue({ maxDepth: 1 }).filter((v) => JSON.stringify(v).length <= 60 && fitsFew(v));
    fc.assert(
      fc.property(small, (value) => {
        expect(describeValue(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });
});

/** At most five entries in any container (what the describer shows before eliding). */
function fitsFew(value: unknown): boolean {
  if (Array.isArray(value)) return value.length <= 5 && value.every(fitsFew);
  if (value && typeof value === 'object')
    return Object.keys(value).length <= 5 && Object.values(value).every(fitsFew);
  return true;
}
