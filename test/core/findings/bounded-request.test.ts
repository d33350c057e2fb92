import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedRequest, REQUEST_LIMITS } from '../../../functions/core/findings/bounded-request.js';

const nested = (levels: number): unknown => {
  let value: unknown = { name: 'trail' };
  for (let i = 0; i < levels; i++) value = { items: [value] };
  return value;
};

describe('Class 7 Hostile shapes: a recorded request in a tamper alert', () => {
  it.each([
    ['a real request, whole', { name: 'org-trail' }, { name: 'org-trail' }],
    ['no request', undefined, undefined],
    ['nesting at the limit, whole', nested(15), nested(15)],
    ['20,000 levels, left out', nested(20_000), /^left out: requestParameters nest deeper than 32 levels/],
    [
      'a 100 KB value, left out',
      { policy: 'x'.repeat(100_000) },
      /^left out: requestParameters are 100013 bytes/,
    ],
  ])('%s', (_, request, expected) => {
    const bounded = boundedRequest(request);
    if (expected instanceof RegExp) expect(bounded).toMatch(expected);
    else expect(bounded).toEqual(expected);
  });

  it('whatever the request, what is kept serialises within the limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 40 }), (request) => {
        const kept = boundedRequest(request);
        expect(JSON.stringify(kept ?? null).length).toBeLessThanOrEqual(REQUEST_LIMITS.bytes + 200);
      }),
    );
  });
});
