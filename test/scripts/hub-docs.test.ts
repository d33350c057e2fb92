// The figures and examples in docs/scale.md and docs/organization.md are the scripts' real output,
// pasted: these tests fail when the code changes and the docs were not refreshed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderExamples } from '../../scripts/render-examples';
import { renderTable, STRATEGIES, simulate } from '../../scripts/simulate-sweeps';

const doc = (name: string) => readFileSync(join(import.meta.dirname, '../../docs', name), 'utf8');

describe('docs quote the scripts', () => {
  it.each(['steady', 'first-sweep'] as const)(
    'docs/scale.md holds the simulation table of the %s scenario',
    (regionsWithFindings) => {
      const table = renderTable(
        STRATEGIES.map((s) => simulate(s, { accounts: 1000, regions: 17, seed: 7, regionsWithFindings })),
      );
      expect(doc('scale.md')).toContain(table);
    },
  );

  it('docs/organization.md holds the rendered chat card, Security Hub finding and event', () => {
    expect(doc('organization.md')).toContain(renderExamples());
  });

  it('the account slot spreads the first sweep at least ten times better than the same minute', () => {
    const scenario = { accounts: 1000, regions: 17, seed: 7, regionsWithFindings: 'first-sweep' as const };
    const [same, , slot] = STRATEGIES.map((s) => simulate(s, scenario));
    expect(same?.strategy).toBe('same minute');
    expect(slot?.strategy).toBe('account slot');
    expect((same?.peakPerSecond ?? 0) / (slot?.peakPerSecond ?? 1)).toBeGreaterThan(10);
  });
});
