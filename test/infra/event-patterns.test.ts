import { beforeAll, describe, expect, it } from 'vitest';
import { matchesPattern, validatePattern } from '../support/event-pattern.js';
import { loadEvent, loadManifest } from '../support/events.js';
import { loadPackagedStack, resourcesOf, type Template } from '../support/packaged-stack.js';

/** Which function's rules must receive which manifest triggers; every other sample must miss them. */
const RECEIVES: Record<string, readonly string[]> = {
  GuardLambdaFunction: ['authorize', 'modify', 'prefix-list'],
  EmrGuardLambdaFunction: ['emr-runjobflow', 'emr-state'],
  HostPostureLambdaFunction: ['ssm-compliance'],
};

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

describe('EventBridge patterns in the packaged template (SPEC §2)', () => {
  let rules: { target: string; pattern: unknown }[] = [];
  beforeAll(async () => {
    rules = rulePatterns((await loadPackagedStack()).template);
  });
  const manifest = loadManifest();

  it('has one schedule rule, the sweep’s, and a pattern on every other rule', async () => {
    const all = resourcesOf((await loadPackagedStack()).template, 'AWS::Events::Rule');
    const schedules = all.filter(([, rule]) => isSchedule(rule));
    expect(schedules.map(([, r]) => r.Properties.Targets[0].Arn['Fn::GetAtt'][0])).toEqual([
      'SweepLambdaFunction',
    ]);
    for (const [, rule] of all) expect(isSchedule(rule) || Boolean(rule.Properties?.EventPattern)).toBe(true);
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
