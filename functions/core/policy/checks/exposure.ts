import { watchedPortsIn } from '../../model/port-range.js';
import type { Rule } from '../../model/rule.js';
import { type Classification, classifySource, type SourceContext } from '../classify-source.js';

/** What the SSH checks share: is this an ingress rule that can carry a watched port, and from where. */
export interface Exposure {
  readonly ports: readonly number[];
  readonly classification: Classification;
}

/**
 * Computed once per rule by the evaluator and handed to every check (a sweep evaluates 100,000
 * rules, and classifying a source is the costly part). Undefined: no watched port reachable over tcp.
 */
export function findExposure(rule: Rule, ctx: SourceContext): Exposure | undefined {
  if (rule.direction === 'egress') return undefined;
  if (rule.protocol !== 'tcp' && rule.protocol !== 'all') return undefined;
  const ports = watchedPortsIn(rule.ports, ctx.policy.watchedPorts);
  if (ports.length === 0) return undefined;
  return { ports, classification: classifySource(rule.source, ctx) };
}

export function describeWatched(ports: readonly number[]): string {
  return ports.map((p) => `tcp/${p}`).join(', ');
}
