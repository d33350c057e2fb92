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
