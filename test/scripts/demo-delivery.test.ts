import { describe, expect, it } from 'vitest';
import { runSample } from '../../scripts/demo.js';
import { eventFiles, loadManifest } from '../support/events.js';

// The demo runs each sample in the function the stack's EventBridge rules deliver it to, so a
// newcomer sees what the deployed product does with it (a tamper call is judged by the tamper
// function, not shown as "unhandled" by the guard). The manifest's trigger says where each belongs.
const EXPECTED_TARGET: Readonly<Record<string, RegExp>> = {
  authorize: /^guard/,
  modify: /^guard/,
  'prefix-list': /^guard$/,
  'prefix-list-restore': /^guard$/,
  republished: /^guard \(no rule of the stack matches it; a relay would deliver it there\)$/,
  'emr-runjobflow': /^emrGuard$/,
  'emr-state': /^emrGuard$/,
  schedule: /^sweep$/,
  'ssm-compliance': /^hostPosture$/,
  'self-protection': /^tamper-function$/,
};

describe('the demo delivers every sample where the stack routes it', () => {
  it.each(loadManifest().map((e) => [e.file, e.trigger, e.expect] as const))(
    '%s (%s)',
    async (file, trigger, expected) => {
      const run = await runSample(file);
      if (trigger === 'none') {
        // Nothing the stack deploys delivers it, or the function it would reach ignores it.
        expect(run.result.status).toBe('ignored');
        expect(run.published).toEqual([]);
        return;
      }
      expect(run.deliveredTo).toMatch(EXPECTED_TARGET[trigger] ?? /^$/);
      if (expected === 'critical-alert') expect(run.planned).toEqual(['critical alert']);
      // Harmless: judged and logged (a change the guard survives, or another key), never alerted.
      if (expected === 'harmless') {
        expect(['harmless', 'ignored']).toContain(run.result.status);
        expect(run.published).toEqual([]);
      }
    },
  );
});

describe('the sample manifest', () => {
  it('names every sample in events/ once, and only samples that exist', () => {
    const named = loadManifest().map((e) => e.file);
    expect(new Set(named).size).toBe(named.length);
    expect([...named].sort()).toEqual([...eventFiles()].sort());
  });
});
