// CloudFormation's own handling of conditions, offline: evaluates the named conditions for given
// parameter values, drops resources behind a false one, picks the Fn::If branch and removes
// a chosen AWS::NoValue, as CloudFormation does before it creates anything. Conditions not named are left
// as they are, so a template can be compared with one that never had the named ones.
import type { Template } from './packaged-stack';

type Node = unknown;

export function resolveConditions(
  template: Template,
  names: readonly string[],
  parameters: Readonly<Record<string, string>> = {},
): Template {
  const parameterValue = (name: string): string =>
    parameters[name] ?? String(template.Parameters?.[name]?.Default ?? '');
  const evaluated = new Map<string, boolean>();
  const scalar = (node: Node): string => {
    const ref = (node as Template)?.Ref;
    if (typeof ref === 'string') return parameterValue(ref);
    if (typeof node === 'string') return node;
    throw new Error(`cannot evaluate ${JSON.stringify(node)}`);
  };
  const truth = (node: Node): boolean => {
    const n = node as Template;
    if (typeof n.Condition === 'string') return condition(n.Condition);
    if (n['Fn::Equals']) return scalar(n['Fn::Equals'][0]) === scalar(n['Fn::Equals'][1]);
    if (n['Fn::Not']) return !truth(n['Fn::Not'][0]);
    if (n['Fn::And']) return (n['Fn::And'] as Node[]).every(truth);
    if (n['Fn::Or']) return (n['Fn::Or'] as Node[]).some(truth);
    throw new Error(`cannot evaluate condition ${JSON.stringify(node)}`);
  };
  const condition = (name: string): boolean => {
    if (!evaluated.has(name)) evaluated.set(name, truth(template.Conditions[name]));
    return evaluated.get(name) as boolean;
  };
  const NO_VALUE = Symbol('NoValue');
  const walk = (node: Node): Node | typeof NO_VALUE => {
    if (Array.isArray(node)) return node.map(walk).filter((v) => v !== NO_VALUE);
    if (!node || typeof node !== 'object') return node;
    const n = node as Template;
    if (Array.isArray(n['Fn::If']) && names.includes(n['Fn::If'][0])) {
      const [name, yes, no] = n['Fn::If'];
      const chosen = condition(name) ? yes : no;
      return (chosen as Template)?.Ref === 'AWS::NoValue' ? NO_VALUE : walk(chosen);
    }
    const out: Template = {};
    for (const [k, v] of Object.entries(n)) {
      const resolved = walk(v);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  };
  const copy = structuredClone(template);
  for (const [id, resource] of Object.entries<Template>(copy.Resources ?? {})) {
    if (names.includes(resource.Condition)) {
      if (condition(resource.Condition)) delete resource.Condition;
      else delete copy.Resources[id];
    }
  }
  const resolved = walk(copy) as Template;
  for (const name of names) delete resolved.Conditions?.[name];
  return resolved;
}
