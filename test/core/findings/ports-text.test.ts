import { describe, expect, it } from 'vitest';
import { portsText } from '../../../functions/core/findings/ports-text.js';

describe('what a finding says its rule opens', () => {
  it.each([
    ['one port', { protocol: 'tcp', ports: { from: 22, to: 22 } }, 'tcp/22'],
    ['a range', { protocol: 'tcp', ports: { from: 0, to: 1023 } }, 'tcp/0-1023'],
    [
      'every protocol, whatever ports are recorded',
      { protocol: 'all', ports: { from: 22, to: 22 } },
      'all traffic',
    ],
    ['every protocol without ports', { protocol: 'all' }, 'all traffic'],
    ['no rule (a region, a group)', {}, undefined],
  ])('%s', (_, resource, expected) => {
    expect(portsText(resource as Parameters<typeof portsText>[0])).toBe(expected);
  });
});
