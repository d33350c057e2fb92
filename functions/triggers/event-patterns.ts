import { isObject } from '../parse/json.js';
import type { TriggerRegistry } from './registry.js';

type Pattern = Readonly<Record<string, unknown>>;

/**
 * The EventBridge pattern of each key, merged from the fragments of the triggers under it, in
 * registry order: lists are unioned (so three EC2 calls become one rule naming all three), nested
 * objects merged key by key. infra/event-patterns.json holds exactly these plus patterns the
 * functions do not receive (self-protection goes straight to the topic).
 */
export function buildEventPatterns(registry: TriggerRegistry): Record<string, Pattern> {
  const patterns: Record<string, Pattern> = {};
  for (const trigger of registry) {
    if (!trigger.pattern) continue;
    const { key, fragment } = trigger.pattern;
    patterns[key] = Object.hasOwn(patterns, key) ? mergePattern(patterns[key] ?? {}, fragment) : fragment;
  }
  return patterns;
}

function mergePattern(into: Pattern, from: Pattern): Pattern {
  const merged: Record<string, unknown> = { ...into };
  for (const [key, value] of Object.entries(from)) {
    const current = merged[key];
    if (Array.isArray(current) && Array.isArray(value)) merged[key] = unionOf(current, value);
    else if (isObject(current) && isObject(value)) merged[key] = mergePattern(current, value);
    else merged[key] = value;
  }
  return merged;
}

/** Matchers compare as JSON: `{ exists: false }` from two fragments is one matcher. */
function unionOf(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const seen = new Set(a.map((v) => JSON.stringify(v)));
  return [...a, ...b.filter((v) => !seen.has(JSON.stringify(v)))];
}
