// Reading IAM out of templates: the actions each adapter declares, the policy statements of a template
// and of one role, normalised so tests can compare sets.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Template } from './packaged-stack';

export interface Statement {
  readonly path: string;
  readonly sid?: string;
  readonly effect: string;
  readonly actions: string[];
  readonly notAction: boolean;
  readonly resources: unknown[];
  readonly principal?: unknown;
  readonly condition?: unknown;
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** `*_ACTIONS` string arrays exported by each functions/adapters/<name>.ts, keyed by <name>. */
export async function loadAdapterActions(): Promise<Map<string, string[]>> {
  const dir = join(ROOT, 'functions/adapters');
  const adapters = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const module: Record<string, unknown> = await import(join(dir, file));
    const actions = Object.entries(module)
      .filter(([name, value]) => name.endsWith('_ACTIONS') && Array.isArray(value))
      .flatMap(([, value]) => value as string[]);
    if (actions.length > 0) adapters.set(file.replace(/\.ts$/, ''), actions);
  }
  return adapters;
}

/** Every statement of every policy document in the template (roles, resource and key policies). */
export function statementsOf(template: Template): Statement[] {
  const found: Statement[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) walk(v, `${path}[${i}]`);
    } else if (node && typeof node === 'object') {
      const obj = node as Template;
      if (obj.Statement !== undefined && (obj.Version !== undefined || Array.isArray(obj.Statement))) {
        for (const [i, s] of list(obj.Statement).entries()) {
          // A statement behind a condition (Fn::If) counts as granted: the test holds the widest case.
          const branches = (s as Template)['Fn::If']
            ? ((s as Template)['Fn::If'] as Template[]).slice(1)
            : [s];
          for (const branch of branches.filter((b) => b && typeof b === 'object' && (b as Template).Effect))
            found.push(toStatement(branch as Template, `${path}.Statement[${i}]`));
        }
        return;
      }
      for (const [k, v] of Object.entries(obj)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(template.Resources, 'Resources');
  return found;
}

function toStatement(s: Template, path: string): Statement {
  return {
    path,
    sid: s.Sid,
    effect: s.Effect,
    actions: list(s.Action ?? s.NotAction).map(String),
    notAction: s.NotAction !== undefined,
    resources: list(s.Resource),
    principal: s.Principal,
    condition: s.Condition,
  };
}

/** Allow statements of the inline policies of one IAM role resource. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  const role = template.Resources[roleId];
  return statementsOf({ Resources: { [roleId]: { Properties: { Policies: role.Properties.Policies } } } });
}

export const sortedUnique = (items: Iterable<string>): string[] => [...new Set(items)].sort();
