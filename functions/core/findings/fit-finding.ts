import type { Finding } from './finding.js';

/** Marks a text or list the guard shortened so a finding fits one SNS message. */
export const CUT_MARK = ' [cut to fit an SNS message]';

type Path = readonly (string | number)[];

/**
 * The finding with its largest text or list cut to `keep` of its length, at most half (a hostile
 * rule description, a huge unparsed reason, an account id that is not one), or `undefined` when
 * nothing is left worth cutting. Called by the renderer until the finding fits: each call at least
 * halves the largest part, so the loop ends after a few rounds.
 */
export function cutLargestPart(finding: Finding, keep = 0.5): Finding | undefined {
  const largest = largestPart(finding);
  if (!largest || largest.size <= 2 * CUT_MARK.length) return undefined;
  return replaceAt(finding, largest.path, cut(largest.value, Math.min(keep, 0.5))) as Finding;
}

function cut(value: unknown, keep: number): unknown {
  if (typeof value !== 'string') {
    const list = value as readonly unknown[];
    return list.slice(0, Math.floor(list.length * keep));
  }
  const kept = value.slice(0, Math.floor(value.length * keep));
  // Never leave half of a surrogate pair at the cut.
  return `${/[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept}${CUT_MARK}`;
}

/** The longest string or longest (serialised) list in the finding; walked with a stack, no recursion. */
function largestPart(finding: Finding): { path: Path; value: unknown; size: number } | undefined {
  let best: { path: Path; value: unknown; size: number } | undefined;
  const stack: { path: Path; value: unknown }[] = [{ path: [], value: finding }];
  while (stack.length > 0) {
    const { path, value } = stack.pop() as { path: Path; value: unknown };
    const size =
      typeof value === 'string' ? value.length : Array.isArray(value) ? JSON.stringify(value).length : 0;
    // Ids and the schema version are what a reader keys on: never cut.
    const key = path[path.length - 1];
    const kept = key === 'findingId' || key === 'schemaVersion' || key === 'checkId';
    if (!kept && size > (best?.size ?? 0)) best = { path, value, size };
    if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value))
        stack.push({ path: [...path, Array.isArray(value) ? Number(k) : k], value: v });
  }
  return best;
}

function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const object = value as Record<string, unknown>;
  return { ...object, [head as string]: replaceAt(object[head as string], rest, replacement) };
}
