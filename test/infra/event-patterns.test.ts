import { beforeAll, describe, expect, it } from 'vitest';
import { TRIGGERS } from '../../functions/triggers/registry.js';
import type { Receiver } from '../../functions/triggers/work.js';
import { matchesPattern, validatePattern } from '../support/event-pattern.js';
import { loadEvent, loadManifest } from '../support/events.js';
import { loadPackagedStack, resourcesOf, type Template } from '../support/packaged-stack.js';

/** The logical id osls gives each serverless.yml function (the registry's receivers). */
const FUNCTION_ID: Record<Receiver, string> = {
  guard: 'GuardLambdaFunction',
  emrGuard: 'EmrGuardLambdaFunction',
  sweep: 'SweepLambdaFunction',
};

/**
 * Which function's rules must receive which manifest triggers, from the trigger registry (the
 * schedule is a rate, not a pattern); every other sample must miss them.
 */
const RECEIVES: Record<string, readonly string[]> = {};
for (const trigger of TRIGGERS.filter((t) => t.pattern)) {
  const fn = FUNCTION_ID[trigger.receiver];
  RECEIVES[fn] = [...(RECEIVES[fn] ?? []), trigger.id];
}

/** Rules that fire on a clock, not on events: the sweep's schedule only. */
const isSchedule = (rule: Template) => Boolean(rule.Properties?.ScheduleExpression);

/** Every EventBridge rule's pattern in the packaged template, with the logical id of its target. */
function rulePatterns(template: Template): { target: string; pattern: unknown }[] {
  const withPatterns = resourcesOf(template, 'AWS::Events::Rule').filter(([, rule]) => !isSchedule(rule));
  return withPatterns.map(([, rule]) => ({
    target: /"(\w+)"/.exec(JSON.stringify(rule.Properties?.Targets?.[0]?.Arn ?? ''))?.[1] ?? '',
    pattern: rule.Properties?.EventPattern,
  }));
}

describe('EventBridge patterns in the packaged template', () => {
  let rules: { target: string; pattern: unknown }[] = [];
  beforeAll(async () => {
    rules = rulePatterns((await loadPackagedStack()).template);
  });
  const manifest = loadManifest();

  it('has two schedule rules, the sweep’s and the opt-in canary’s, and a pattern on every other rule', async () => {
    const all = resourcesOf((await loadPackagedStack()).template, 'AWS::Events::Rule');
    const schedules = all.filter(([, rule]) => isSchedule(rule));
    expect(schedules.map(([, r]) => r.Properties.Targets[0].Arn['Fn::GetAtt'][0])).toEqual([
      'SweepLambdaFunction',
      'CanaryLambdaFunction',
    ]);
    for (const [, rule] of all) expect(isSchedule(rule) || Boolean(rule.Properties?.EventPattern)).toBe(true);
  });

  it('has a sample in events/ for every trigger of the registry', () => {
    const sampled = new Set(manifest.map((e) => e.trigger));
    for (const trigger of TRIGGERS) expect(sampled, trigger.id).toContain(trigger.id);
  });

  it('has a valid pattern for every rule, and a rule for every function', () => {
    for (const rule of rules) expect(validatePattern(rule.pattern)).toEqual([]);
    for (const fn of Object.keys(RECEIVES)) expect(rules.some((r) => r.target === fn)).toBe(true);
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
