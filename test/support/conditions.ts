// A packaged template as CloudFormation would deploy it: conditions evaluated (osls has already put
// the params in, so they compare literals), resources of false conditions dropped, Fn::If resolved
// and AWS::NoValue removed. Tests then read exactly what a deployment of that configuration gets.
import type { Template } from './packaged-stack';

const NO_VALUE = Symbol('no value');

function evaluate(condition: unknown, conditions: Template, seen: Set<string> = new Set()): boolean {
  const c = condition as Template;
  if (typeof c?.Condition === 'string') {
    if (seen.has(c.Condition)) throw new Error(`condition ${c.Condition} refers to itself`);
    return evaluate(conditions[c.Condition], conditions, new Set([...seen, c.Condition]));
  }
  const [name, args] = Object.entries(c ?? {})[0] ?? [];
  switch (name) {
    case 'Fn::Equals': {
      const [a, b] = args as unknown[];
      if (typeof a !== 'string' || typeof b !== 'string')
        throw new Error(`Fn::Equals on a non-literal: ${JSON.stringify(args)}`);
      return a === b;
    }
    case 'Fn::Not':
      return !evaluate((args as unknown[])[0], conditions, seen);
    case 'Fn::And':
      return (args as unknown[]).every((a) => evaluate(a, conditions, seen));
    case 'Fn::Or':
      return (args as unknown[]).some((a) => evaluate(a, conditions, seen));
    default:
      throw new Error(`cannot evaluate condition ${JSON.stringify(condition)}`);
  }
}

/** The truth of every condition of the template. */
export function conditionValues(template: Template): Record<string, boolean> {
  const conditions = template.Conditions ?? {};
  return Object.fromEntries(
    Object.keys(conditions).map((name) => [name, evaluate({ Condition: name }, conditions)]),
  );
}

function resolve(node: unknown, truth: Record<string, boolean>): unknown {
  if (Array.isArray(node)) return node.map((n) => resolve(n, truth)).filter((n) => n !== NO_VALUE);
  if (!node || typeof node !== 'object') return node;
  const obj = node as Template;
  if (obj.Ref === 'AWS::NoValue') return NO_VALUE;
  if (obj['Fn::If']) {
    const [name, yes, no] = obj['Fn::If'] as [string, unknown, unknown];
    if (!(name in truth)) throw new Error(`Fn::If on unknown condition ${name}`);
    return resolve(truth[name] ? yes : no, truth);
  }
  const entries = Object.entries(obj)
    .map(([k, v]) => [k, resolve(v, truth)] as const)
    .filter(([, v]) => v !== NO_VALUE);
  return Object.fromEntries(entries);
}

/** The template a deployment of it gets: only resources whose condition holds, every Fn::If resolved. */
export function applyConditions(template: Template): Template {
  const truth = conditionValues(template);
  const resources = Object.fromEntries(
    Object.entries<Template>(template.Resources ?? {}).filter(
      ([, r]) => r.Condition === undefined || truth[r.Condition],
    ),
  );
  return { ...template, Resources: resolve(resources, truth) as Template };
}
