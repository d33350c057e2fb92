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
  const doc = parse(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), { logLevel: 'error' }) as Functions;
  const patterns = JSON.parse(readFileSync(join(ROOT, 'infra/event-patterns.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return Object.fromEntries(
    Object.entries(doc.functions ?? {}).map(([name, fn]) => [
      name,
      (fn.events ?? []).flatMap((e) => {
        if (e.eventBridge?.schedule) return [SCHEDULED];
        const key = /event-patterns\.json\):(\w+)\}$/.exec(e.eventBridge?.pattern ?? '')?.[1];
        return key && patterns[key] ? [patterns[key]] : [];
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
