// Validates a value against the AWS SDK's own model of a Security Hub shape: the schema the
// @aws-sdk/client-securityhub package serialises requests with (dist-es/schemas/schemas_0.js). A
// structure is [3, namespace, name, traits, memberNames, memberSchemas, requiredCount] (required
// members come first), a list [1, ..., member], a map [2, ..., key, value]; a simple member is a
// number: 0 string, 1 number, 2 boolean, 4/5/6/7 numeric or blob kinds, 64|x a list of x, 128|x a
// map of x; nested schemas are lazy functions.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

type Schema = number | (() => unknown) | unknown[];

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('@aws-sdk/client-securityhub/package.json'));

export async function loadSecurityHubSchema(name: string): Promise<unknown[]> {
  const module = (await import(pathToFileURL(join(root, 'dist-es/schemas/schemas_0.js')).href)) as Record<
    string,
    unknown[]
  >;
  const schema = module[`${name}$`];
  if (!schema) throw new Error(`no schema ${name} in the SDK model`);
  return schema;
}

const resolve = (schema: Schema): number | unknown[] =>
  typeof schema === 'function' ? resolve(schema() as Schema) : schema;

/** Every problem of `value` against `schema`, as `path: message`; empty when the SDK model accepts it. */
export function checkAgainstModel(value: unknown, schema: Schema, path = '$'): string[] {
  const s = resolve(schema);
  if (typeof s === 'number') return checkSimple(value, s, path);
  const kind = s[0];
  if (kind === 3) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return [`${path}: expected a structure`];
    const names = s[4] as string[];
    const members = s[5] as Schema[];
    const required = typeof s[6] === 'number' ? s[6] : 0;
    const record = value as Record<string, unknown>;
    const missing = names.slice(0, required).filter((n) => record[n] === undefined);
    const unknown = Object.keys(record).filter((k) => !names.includes(k));
    return [
      ...missing.map((n) => `${path}.${n}: required by the model`),
      ...unknown.map((k) => `${path}.${k}: not a member of ${String(s[2])}`),
      ...names.flatMap((n, i) =>
        record[n] === undefined ? [] : checkAgainstModel(record[n], members[i] as Schema, `${path}.${n}`),
      ),
    ];
  }
  if (kind === 1) {
    if (!Array.isArray(value)) return [`${path}: expected a list`];
    return value.flatMap((v, i) => checkAgainstModel(v, s[4] as Schema, `${path}[${i}]`));
  }
  if (kind === 2) {
    if (typeof value !== 'object' || value === null) return [`${path}: expected a map`];
    return Object.entries(value).flatMap(([k, v]) => checkAgainstModel(v, s[5] as Schema, `${path}.${k}`));
  }
  return [`${path}: unsupported schema kind ${String(kind)}`];
}

function checkSimple(value: unknown, s: number, path: string): string[] {
  if (s & 64) {
    if (!Array.isArray(value)) return [`${path}: expected a list`];
    return value.flatMap((v, i) => checkSimple(v, s & ~64, `${path}[${i}]`));
  }
  if (s & 128) {
    if (typeof value !== 'object' || value === null) return [`${path}: expected a map`];
    return Object.entries(value).flatMap(([k, v]) => checkSimple(v, s & ~128, `${path}.${k}`));
  }
  const expected = s === 0 ? 'string' : s === 2 ? 'boolean' : 'number';
  return typeof value === expected ? [] : [`${path}: expected a ${expected}, got ${JSON.stringify(value)}`];
}
