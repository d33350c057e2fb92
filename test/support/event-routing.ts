import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { matchesPattern } from './event-pattern.js';

const ROOT = join(import.meta.dirname, '../..');

/** What these helpers read of serverless.yml: the functions' EventBridge events and the stack's own rules. */
interface Serverless {
  functions?: Record<string, { events?: { eventBridge?: { pattern?: string; schedule?: string } }[] }>;
  resources?: {
    Resources?: Record<
      string,
      { Type?: string; Properties?: { EventPattern?: unknown; Targets?: { Id?: string }[] } }
    >;
  };
}

const readServerless = () =>
  parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'error' }) as Serverless;

const readPatterns = () =>
  JSON.parse(readFileSync(join(ROOT, 'infra/event-patterns.json'), 'utf8')) as Record<string, unknown>;

/** The infra/event-patterns.json key a `${file(./infra/event-patterns.json):key}` reference names. */
const patternKeyOf = (reference: unknown) =>
  /event-patterns\.json\):(\w+)\}$/.exec(typeof reference === 'string' ? reference : '')?.[1];

/** What an EventBridge schedule rule delivers to its target. */
const SCHEDULED = { source: ['aws.events'], 'detail-type': ['Scheduled Event'] };

/** Each function's EventBridge patterns, read from serverless.yml and infra/event-patterns.json (schedules too). */
export function functionPatterns(): Record<string, unknown[]> {
  const doc = readServerless();
  const patterns = readPatterns();
  const keys = functionPatternKeys(doc);
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

/** The infra/event-patterns.json keys each serverless.yml function's EventBridge rules use, in order. */
export function functionPatternKeys(doc = readServerless()): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(doc.functions ?? {}).map(([name, fn]) => [
      name,
      (fn.events ?? []).flatMap((e) => {
        const key = patternKeyOf(e.eventBridge?.pattern);
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

/**
 * The stack's own EventBridge rules beside the functions' (serverless.yml `resources`): each rule's
 * infra/event-patterns.json pattern and its targets' ids (the tamper function, the findings topic).
 */
export function stackRulePatterns(): { rule: string; pattern: unknown; targets: string[] }[] {
  const patterns = readPatterns();
  return Object.entries(readServerless().resources?.Resources ?? {}).flatMap(([rule, r]) => {
    const key = patternKeyOf(r.Properties?.EventPattern);
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
