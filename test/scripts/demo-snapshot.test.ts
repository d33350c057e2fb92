import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_PATH, takeSnapshot } from '../../scripts/demo-snapshot.js';

describe('the demo over events/', () => {
  it('publishes exactly the findings of the committed snapshot, sample by sample, in report and revoke mode', async () => {
    const expected = JSON.parse(readFileSync(SNAPSHOT_PATH, 'utf8')) as Record<string, unknown>;
    const actual = await takeSnapshot();
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected))
      expect({ key, ...(actual[key] as object) }).toEqual({ key, ...(expected[key] as object) });
  });
});
