import { type Classification, classifySource, type SourceContext } from '../classify-source.js';
import { watchedPortsIn } from '../port-range.js';
import type { Rule } from '../rule.js';

/** What the SSH checks share: is this an ingress rule that can carry a watched port, and from where. */
export interface Exposure {
  readonly ports: readonly number[];
  readonly classification: Classification;
}

/**
 * Every SSH check asks for the same exposure of a rule, so it is worked out once per rule and policy
 * context (a sweep evaluates 100,000 rules). The cache is invisible: same inputs, same answer.
 */
const exposures = new WeakMap<SourceContext, WeakMap<Rule, Exposure | null>>();

export function findExposure(rule: Rule, ctx: SourceContext): Exposure | undefined {
  let byRule = exposures.get(ctx);
  if (!byRule) {
    byRule = new WeakMap();
    exposures.set(ctx, byRule);
  }
  const known = byRule.get(rule);
  if (known !== undefined) return known ?? undefined;
  const exposure = computeExposure(rule, ctx);
  byRule.set(rule, exposure ?? null);
  return exposure;
}

function computeExposure(rule: Rule, ctx: SourceContext): Exposure | undefined {
  if (rule.direction === 'egress') return undefined;
  if (rule.protocol !== 'tcp' && rule.protocol !== 'all') return undefined;
  const ports = watchedPortsIn(rule.ports, ctx.policy.watchedPorts);
  if (ports.length === 0) return undefined;
  return { ports, classification: classifySource(rule.source, ctx) };
}

export function describeWatched(ports: readonly number[]): string {
  return ports.map((p) => `tcp/${p}`).join(', ');
}
