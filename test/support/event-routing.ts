import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { matchesPattern } from './event-pattern.js';

const ROOT = join(import.meta.dirname, '../..');

interface Functions {
  functions?: Record<string, { events?: { eventBridge?: { pattern?: string; schedule?: string } }[] }>;
}

/** What an EventBridge schedule rule delivers to its target. */
const SCHEDULED = { source: ['aws.events'], 'detail-type': ['Scheduled Event'] };

/** Each function's EventBridge patterns, read from serverless.yml and infra/event-patterns.json (schedules too). */
export function functionPatterns(): Record<string, unknown[]> {
  const doc = readFunctions();
  const patterns = JSON.parse(readFileSync(join(ROOT, 'infra/event-patterns.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const keys = functionPatternKeys();
  return Object.fromEntries(
    Object.entries(doc.functions ?? {}).map(([name, fn]) => [
      name,
      [
        ...(fn.events ?? []).filter((e) => e.eventBridge?.schedule).map(() => SCHEDULED),
        ...(keys[name] ?? []).flatMap((key) => (patterns[key] ? [patterns[key]] : [])),
      ],
    ]),
  );
}

const readFunctions = () =>
  parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'error' }) as Functions;

/** The infra/event-patterns.json keys each serverless.yml function's EventBridge rules use, in order. */
export function functionPatternKeys(): Record<string, string[]> {
  const doc = readFunctions();
  return Object.fromEntries(
    Object.entries(doc.functions ?? {}).map(([name, fn]) => [
      name,
      (fn.events ?? []).flatMap((e) => {
        const key = /event-patterns\.json\):(\w+)\}$/.exec(e.eventBridge?.pattern ?? '')?.[1];
        return key ? [key] : [];
      }),
    ]),
  );
}

/** The functions EventBridge would invoke with `event` (none for an event no rule matches). */
export function functionsFor(event: unknown, patterns = functionPatterns()): string[] {
  return Object.entries(patterns)
    .filter(([, list]) => list.some((p) => matchesPattern(p, event)))
    .map(([name]) => name);
}

interface StackRules {
  resources?: {
    Resources?: Record<
      string,
      { Type?: string; Properties?: { EventPattern?: unknown; Targets?: { Id?: string }[] } }
    >;
  };
}

/**
 * The stack's own EventBridge rules beside the functions' (serverless.yml `resources`): each rule's
 * infra/event-patterns.json pattern and its targets' ids (the tamper function, the findings topic).
 */
export function stackRulePatterns(): { rule: string; pattern: unknown; targets: string[] }[] {
  const doc = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'error' }) as StackRules;
  const patterns = JSON.parse(readFileSync(join(ROOT, 'infra/event-patterns.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return Object.entries(doc.resources?.Resources ?? {}).flatMap(([rule, r]) => {
    const key = /event-patterns\.json\):(\w+)\}$/.exec(String(r.Properties?.EventPattern ?? ''))?.[1];
    if (r.Type !== 'AWS::Events::Rule' || !key || !patterns[key]) return [];
    const targets = (r.Properties?.Targets ?? []).flatMap((t) => (t.Id ? [t.Id] : []));
    return [{ rule, pattern: patterns[key], targets }];
  });
}

/** Where EventBridge delivers `event`: the functions' rules first, then the stack's own rules' targets. */
export function deliveriesFor(
  event: unknown,
  functions = functionPatterns(),
  stackRules = stackRulePatterns(),
): string[] {
  const targets = stackRules.filter((r) => matchesPattern(r.pattern, event)).flatMap((r) => r.targets);
  return [...new Set([...functionsFor(event, functions), ...targets])];
}
