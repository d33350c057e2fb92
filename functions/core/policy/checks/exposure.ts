import { watchedPortsIn } from '../../model/port-range.js';
import type { Rule } from '../../model/rule.js';
import { type Classification, classifySource, type SourceContext } from '../classify-source.js';

/** What the SSH checks share: is this an ingress rule that can carry a watched port, and from where. */
export interface Exposure {
  readonly ports: readonly number[];
  readonly classification: Classification;
}

/**
 * Every SSH check asks for the same exposure of a rule, one check after the other, so the last
 * answer is kept (a sweep evaluates 100,000 rules). One slot, not a map: nothing to grow or collect,
 * and invisible to callers: same rule and context, same answer.
 */
let last: { rule: Rule; ctx: SourceContext; exposure: Exposure | undefined } | undefined;

export function findExposure(rule: Rule, ctx: SourceContext): Exposure | undefined {
  if (last?.rule === rule && last.ctx === ctx) return last.exposure;
  const exposure = computeExposure(rule, ctx);
  last = { rule, ctx, exposure };
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
