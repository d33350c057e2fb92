import { describe, expect, it } from 'vitest';
import { items, listElements } from '../../functions/parse/json.js';

const rule = { ipProtocol: 'tcp' };
const wrapped = (levels: number, inner: unknown): unknown => {
  let value = inner;
  for (let i = 0; i < levels; i++) value = { items: value };
  return value;
};

// One unwrapping of CloudTrail's list shapes serves both readers: `items` keeps the objects a parser
// reads, `listElements` keeps every element so a parser can name the ones it cannot read.
describe('CloudTrail lists, however the record wraps them', () => {
  it.each<[string, unknown, unknown[], unknown[]]>([
    ['an array', [rule, 'x'], [rule], [rule, 'x']],
    ['the items wrapper', { items: [rule] }, [rule], [rule]],
    ['items then item', { items: { item: rule } }, [rule], [rule]],
    ['a lone element', rule, [rule], [rule]],
    ['a bare string', '0.0.0.0/0', [], ['0.0.0.0/0']],
    ['an empty object', {}, [], []],
    ['an empty array', [], [], []],
    ['null', null, [], []],
    ['absent', undefined, [], []],
    ['an empty string', '', [], []],
    ['a wrapped string', { items: '0.0.0.0/0' }, [], ['0.0.0.0/0']],
    ['an array within the bound (three wrappers)', wrapped(3, [rule]), [rule], [rule]],
    ['an array past the bound (four wrappers)', wrapped(4, [rule]), [rule], [[rule]]],
    ['an empty object past the bound', wrapped(4, {}), [{}], []],
    ['still wrapped past the bound', wrapped(5, [rule]), [wrapped(1, [rule])], [wrapped(1, [rule])]],
  ])('%s', (_, value, asItems, asElements) => {
    expect(items(value)).toEqual(asItems);
    expect(listElements(value)).toEqual(asElements);
  });

  it('unwraps 20,000 levels without exhausting the stack', () => {
    expect(items(wrapped(20_000, [rule]))).toHaveLength(1);
    expect(listElements(wrapped(20_000, [rule]))).toHaveLength(1);
  });
});
