import { describe, expect, it } from 'vitest';
import { matchesPattern, validatePattern } from '../support/event-pattern.js';
import { loadEvent, loadManifest } from '../support/events.js';
import { eventRulePatterns, packagedTemplate } from '../support/packaged.js';

/** Which function's rules must receive which manifest triggers. */
const RECEIVES: Record<string, readonly string[]> = {
  Guard: ['authorize', 'modify', 'prefix-list'],
};

describe('EventBridge patterns in the packaged template (SPEC §2)', () => {
  const rules = eventRulePatterns(packagedTemplate());
  const manifest = loadManifest();

  it('has a valid pattern for every rule', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect(validatePattern(rule.pattern)).toEqual([]);
  });

  for (const [fn, triggers] of Object.entries(RECEIVES)) {
    const own = () => rules.filter((r) => r.target === fn);
    const positives = manifest.filter((e) => triggers.includes(e.trigger) && e.expect !== 'skipped-error');
    const negatives = manifest.filter((e) => !triggers.includes(e.trigger) || e.expect === 'skipped-error');

    it.each(positives.map((e) => [e.file]))(`${fn} receives %s`, (file) => {
      expect(own().some((r) => matchesPattern(r.pattern, loadEvent(file)))).toBe(true);
    });

    it.each(negatives.map((e) => [e.file]))(`${fn} does not receive %s`, (file) => {
      expect(own().some((r) => matchesPattern(r.pattern, loadEvent(file)))).toBe(false);
    });
  }
});
