/**
 * Offline CloudFormation template checker over @aws-cdk/aws-service-spec (the CloudFormation
 * registry schemas, no network).
 *
 * Library:
 *   const problems = await checkTemplate(template);          // loads + caches the spec db once
 *   const problems = checkTemplateWithSpec(template, spec);  // sync, with a preloaded `await loadSpec()`
 *   const template = loadTemplateFile('infra/stack.yaml');   // JSON or YAML (short-form !Ref, !Sub, ...)
 *
 * CLI:
 *   npx tsx scripts/cfn-check.ts file1.yaml file2.json ...
 *   prints `<file>: <path>: <message>` per problem and exits 1 if any, else `ok <file> (<n> resources)`.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import { type Document, isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';

export interface Problem {
  /** Dotted path into the template, e.g. `Resources.Fn.Properties.Environment.Variables.X`, `Targets[0]`. */
  path: string;
  message: string;
}

export interface CheckOptions {
  /** A preloaded spec (from `loadSpec()`); by default the cached shared one is loaded. */
  spec?: Spec;
}

// ---------------------------------------------------------------------------------------------
// Spec database (minimal structural view of @aws-cdk/service-spec-types entities)
// ---------------------------------------------------------------------------------------------

/** Property type as stored in the spec db (`GenericPropertyType` in @aws-cdk/service-spec-types). */
export type SpecType =
  | { type: 'string'; allowedValues?: string[] }
  | { type: 'integer'; allowedValues?: number[] }
  | { type: 'number' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] };

export interface SpecProperty {
  type: SpecType;
  required?: boolean;
}

interface SpecResource {
  cloudFormationType: string;
  properties: Record<string, SpecProperty>;
  attributes: Record<string, unknown>;
}

interface SpecTypeDef {
  name: string;
  properties: Record<string, SpecProperty>;
}

type SpecDatabase = Awaited<ReturnType<typeof loadAwsServiceSpec>>;

export class Spec {
  private readonly resources = new Map<string, SpecResource | undefined>();
  private readonly typeDefs = new Map<string, SpecTypeDef | undefined>();

  constructor(private readonly db: SpecDatabase) {}

  resource(cfnType: string): SpecResource | undefined {
    if (!this.resources.has(cfnType)) {
      const found = this.db.lookup('resource', 'cloudFormationType', 'equals', cfnType);
      this.resources.set(cfnType, found[0] as unknown as SpecResource | undefined);
    }
    return this.resources.get(cfnType);
  }

  typeDef(id: string): SpecTypeDef | undefined {
    if (!this.typeDefs.has(id)) {
      let td: SpecTypeDef | undefined;
      try {
        td = this.db.get('typeDefinition', id) as unknown as SpecTypeDef;
      } catch {
        td = undefined;
      }
      this.typeDefs.set(id, td);
    }
    return this.typeDefs.get(id);
  }
}

let specPromise: Promise<Spec> | undefined;

/** Load the spec db (about 1 s: gunzip + JSON.parse of ~1800 resource types); cached per process. */
export function loadSpec(): Promise<Spec> {
  specPromise ??= loadAwsServiceSpec().then((db) => new Spec(db));
  return specPromise;
}

// ---------------------------------------------------------------------------------------------
// Template loading (JSON / YAML with CloudFormation short-form tags)
// ---------------------------------------------------------------------------------------------

const SHORT_FORMS = [
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Equals',
  'Select',
  'Split',
  'FindInMap',
  'ImportValue',
  'Base64',
  'Cidr',
  'GetAZs',
  'And',
  'Or',
  'Not',
  'Transform',
  'ToJsonString',
  'Length',
] as const;

const SHORT_TAGS = new Set<string>(SHORT_FORMS.map((n) => `!${n}`));

// Identity resolvers: the node keeps its tag and we convert it ourselves in `yamlToJs`.
const CUSTOM_TAGS = SHORT_FORMS.flatMap((n) => [
  { tag: `!${n}`, resolve: (s: string) => s },
  { tag: `!${n}`, collection: 'seq' as const, resolve: (s: unknown) => s },
  { tag: `!${n}`, collection: 'map' as const, resolve: (s: unknown) => s },
]);

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty so that a `__proto__` key stays a plain key
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function shortFormToLong(tag: string, value: unknown): unknown {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? value : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  if (name === 'GetAZs' && value === null) return { 'Fn::GetAZs': '' };
  return { [`Fn::${name}`]: value };
}

function yamlToJs(node: unknown, doc: Document.Parsed): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return yamlToJs(node.resolve(doc), doc);
  let value: unknown;
  let tag: string | undefined;
  if (isScalar(node)) {
    value = node.value;
    tag = node.tag;
  } else if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(yamlToJs(pair.key, doc));
      setKey(obj, key, yamlToJs(pair.value, doc));
    }
    value = obj;
    tag = node.tag;
  } else if (isSeq(node)) {
    value = node.items.map((item) => yamlToJs(item, doc));
    tag = node.tag;
  } else {
    return node;
  }
  return tag && SHORT_TAGS.has(tag) ? shortFormToLong(tag, value) : value;
}

/** Parse template text. JSON if `fileName` ends in .json (or the text starts with `{`), else YAML. */
export function parseTemplate(text: string, fileName = '<template>'): unknown {
  if (extname(fileName).toLowerCase() === '.json' || text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new Error(`${fileName}: invalid JSON: ${(err as Error).message}`);
    }
  }
  const doc = parseDocument(text, { customTags: CUSTOM_TAGS, uniqueKeys: true, prettyErrors: true });
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) {
    throw new Error(`${fileName}: invalid YAML:\n${issues.map((e) => e.message).join('\n')}`);
  }
  return yamlToJs(doc.contents, doc);
}

/** Read a CloudFormation template file (JSON or YAML with short-form intrinsics) into long-form JS. */
export function loadTemplateFile(path: string): unknown {
  return parseTemplate(readFileSync(path, 'utf8'), path);
}

// ---------------------------------------------------------------------------------------------
// Checker
// ---------------------------------------------------------------------------------------------

const TOP_LEVEL_KEYS = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Rules',
]);

const RESOURCE_KEYS = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'Metadata',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'CreationPolicy',
  'UpdatePolicy',
]);

const OUTPUT_KEYS = new Set(['Description', 'Value', 'Export', 'Condition']);

const PARAMETER_KEYS = new Set([
  'Type',
  'Default',
  'AllowedValues',
  'AllowedPattern',
  'ConstraintDescription',
  'Description',
  'MaxLength',
  'MaxValue',
  'MinLength',
  'MinValue',
  'NoEcho',
]);

const PARAMETER_TYPE =
  /^(String|Number|List<Number>|CommaDelimitedList|AWS::SSM::Parameter::Name|AWS::SSM::Parameter::Value<.+>|AWS::[A-Za-z0-9]+::[A-Za-z0-9]+(::[A-Za-z0-9]+)?|List<AWS::[A-Za-z0-9]+::[A-Za-z0-9]+(::[A-Za-z0-9]+)?>)$/;

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

const DELETION_POLICIES = ['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot'];
const UPDATE_REPLACE_POLICIES = ['Delete', 'Retain', 'Snapshot'];

const TAG_PROPERTIES: Record<string, SpecProperty> = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

const LOGICAL_ID = /^[A-Za-z0-9]+$/;
const INTEGER_STRING = /^[+-]?\d+$/;
const NUMBER_STRING = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{Ref: ..}` or `{"Fn::X": ..}`: a value computed at deploy time, so its type is not checked. */
function intrinsicName(v: unknown): string | undefined {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  const k = keys[0] as string;
  return k === 'Ref' || k.startsWith('Fn::') ? k : undefined;
}

function isCustomType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

/** "; did you mean 'X'?" for a likely typo (substring either way, else a small edit distance). */
function suggest(name: string, candidates: Iterable<string>): string {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const lc = c.toLowerCase();
    const d = editDistance(name, c);
    const contained = Math.min(lc.length, lower.length) >= 3 && (lc.includes(lower) || lower.includes(lc));
    const close = d <= Math.max(1, Math.floor(name.length / 4));
    // prefer containment matches, then the smallest edit distance
    const score = contained ? d : close ? 1000 + d : Number.POSITIVE_INFINITY;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best !== undefined ? `; did you mean '${best}'?` : '';
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

type RefContext = 'resource' | 'output' | 'condition';

class TemplateChecker {
  readonly problems: Problem[] = [];
  private readonly parameters = new Set<string>();
  private readonly resources = new Map<string, string | undefined>();
  private readonly conditions = new Set<string>();
  private mappings: Obj = {};

  constructor(
    private readonly spec: Spec,
    private readonly template: unknown,
  ) {}

  private report(path: string, message: string, out: Problem[] = this.problems): void {
    out.push({ path, message });
  }

  run(): Problem[] {
    const t = this.template;
    if (!isObject(t)) {
      this.report('', `template must be an object, got ${kindOf(t)}`);
      return this.problems;
    }
    for (const key of Object.keys(t)) {
      if (!TOP_LEVEL_KEYS.has(key)) {
        this.report(key, `unknown top-level key '${key}'${suggest(key, TOP_LEVEL_KEYS)}`);
      }
    }
    if (t.AWSTemplateFormatVersion !== undefined && t.AWSTemplateFormatVersion !== '2010-09-09') {
      this.report('AWSTemplateFormatVersion', "must be '2010-09-09'");
    }
    if (t.Description !== undefined && typeof t.Description !== 'string') {
      this.report('Description', `expected string, got ${kindOf(t.Description)}`);
    }

    const params = this.section(t, 'Parameters');
    const mappings = this.section(t, 'Mappings');
    const conditions = this.section(t, 'Conditions');
    const resources = this.section(t, 'Resources');
    const outputs = this.section(t, 'Outputs');
    this.mappings = mappings ?? {};

    for (const name of Object.keys(params ?? {})) this.parameters.add(name);
    for (const name of Object.keys(conditions ?? {})) this.conditions.add(name);
    for (const [name, res] of Object.entries(resources ?? {})) {
      this.resources.set(name, isObject(res) && typeof res.Type === 'string' ? res.Type : undefined);
    }

    if (t.Resources === undefined) this.report('Resources', 'template has no Resources section');
    else if (resources && Object.keys(resources).length === 0) {
      this.report('Resources', 'Resources must not be empty');
    }

    for (const [name, p] of Object.entries(params ?? {})) this.checkParameter(name, p);
    for (const [name, m] of Object.entries(mappings ?? {})) {
      if (!isObject(m)) this.report(`Mappings.${name}`, `expected object, got ${kindOf(m)}`);
    }
    for (const [name, c] of Object.entries(conditions ?? {})) {
      this.walkRefs(c, `Conditions.${name}`, 'condition');
    }
    for (const [name, r] of Object.entries(resources ?? {})) this.checkResource(name, r);
    for (const [name, o] of Object.entries(outputs ?? {})) this.checkOutput(name, o);
    return this.problems;
  }

  private section(t: Obj, key: string): Obj | undefined {
    const v = t[key];
    if (v === undefined) return undefined;
    if (!isObject(v)) {
      this.report(key, `expected object, got ${kindOf(v)}`);
      return undefined;
    }
    return v;
  }

  private checkParameter(name: string, p: unknown): void {
    const path = `Parameters.${name}`;
    if (!LOGICAL_ID.test(name)) this.report(path, 'logical id must be alphanumeric');
    if (this.resources.has(name)) this.report(path, `'${name}' is both a parameter and a resource`);
    if (!isObject(p)) {
      this.report(path, `expected object, got ${kindOf(p)}`);
      return;
    }
    for (const key of Object.keys(p)) {
      if (!PARAMETER_KEYS.has(key)) {
        this.report(join(path, key), `unknown parameter attribute '${key}'${suggest(key, PARAMETER_KEYS)}`);
      }
    }
    if (p.Type === undefined) this.report(path, "missing required 'Type'");
    else if (typeof p.Type !== 'string' || !PARAMETER_TYPE.test(p.Type)) {
      this.report(join(path, 'Type'), `invalid parameter type ${kindOf(p.Type)}`);
    }
  }

  private checkResource(name: string, r: unknown): void {
    const path = `Resources.${name}`;
    if (!LOGICAL_ID.test(name)) this.report(path, 'logical id must be alphanumeric');
    if (!isObject(r)) {
      this.report(path, `expected object, got ${kindOf(r)}`);
      return;
    }
    for (const key of Object.keys(r)) {
      if (!RESOURCE_KEYS.has(key)) {
        this.report(join(path, key), `unknown resource attribute '${key}'${suggest(key, RESOURCE_KEYS)}`);
      }
    }
    this.checkConditionName(r.Condition, join(path, 'Condition'));
    this.checkDependsOn(name, r.DependsOn, join(path, 'DependsOn'));
    this.checkPolicy(r.DeletionPolicy, join(path, 'DeletionPolicy'), DELETION_POLICIES);
    this.checkPolicy(r.UpdateReplacePolicy, join(path, 'UpdateReplacePolicy'), UPDATE_REPLACE_POLICIES);
    for (const key of ['Properties', 'Metadata', 'CreationPolicy', 'UpdatePolicy']) {
      if (r[key] !== undefined) this.walkRefs(r[key], join(path, key), 'resource');
    }

    const type = r.Type;
    if (typeof type !== 'string') {
      this.report(join(path, 'Type'), r.Type === undefined ? "missing 'Type'" : 'Type must be a string');
      return;
    }
    const propsPath = join(path, 'Properties');
    if (isCustomType(type)) {
      // Custom resources take arbitrary properties; only ServiceToken (+ ServiceTimeout) are known.
      const known = this.spec.resource('AWS::CloudFormation::CustomResource');
      if (known)
        this.checkProperties(r.Properties ?? {}, known.properties, type, propsPath, this.problems, true);
      return;
    }
    const spec = this.spec.resource(type);
    if (!spec) {
      this.report(join(path, 'Type'), `unknown resource type '${type}'`);
      return;
    }
    this.checkProperties(r.Properties ?? {}, spec.properties, type, propsPath, this.problems, false);
  }

  private checkPolicy(v: unknown, path: string, allowed: string[]): void {
    if (v === undefined || intrinsicName(v)) return;
    if (typeof v !== 'string' || !allowed.includes(v)) {
      this.report(path, `${kindOf(v)} is not one of ${allowed.join(', ')}`);
    }
  }

  private checkDependsOn(self: string, v: unknown, path: string): void {
    if (v === undefined) return;
    const targets = Array.isArray(v) ? v : [v];
    targets.forEach((target, i) => {
      const p = Array.isArray(v) ? `${path}[${i}]` : path;
      if (typeof target !== 'string')
        this.report(p, `DependsOn target must be a string, got ${kindOf(target)}`);
      else if (target === self) this.report(p, `resource '${self}' depends on itself`);
      else if (!this.resources.has(target)) {
        this.report(
          p,
          `DependsOn target '${target}' is not a resource${suggest(target, this.resources.keys())}`,
        );
      }
    });
  }

  private checkConditionName(v: unknown, path: string): void {
    if (v === undefined) return;
    if (typeof v !== 'string') this.report(path, `condition name must be a string, got ${kindOf(v)}`);
    else if (!this.conditions.has(v)) {
      this.report(path, `unknown condition '${v}'${suggest(v, this.conditions)}`);
    }
  }

  private checkOutput(name: string, o: unknown): void {
    const path = `Outputs.${name}`;
    if (!LOGICAL_ID.test(name)) this.report(path, 'logical id must be alphanumeric');
    if (!isObject(o)) {
      this.report(path, `expected object, got ${kindOf(o)}`);
      return;
    }
    for (const key of Object.keys(o)) {
      if (!OUTPUT_KEYS.has(key)) {
        this.report(join(path, key), `unknown output attribute '${key}'${suggest(key, OUTPUT_KEYS)}`);
      }
    }
    if (o.Value === undefined) this.report(path, "missing required 'Value'");
    this.checkConditionName(o.Condition, join(path, 'Condition'));
    if (o.Export !== undefined && !(isObject(o.Export) && o.Export.Name !== undefined)) {
      this.report(join(path, 'Export'), "Export must be an object with 'Name'");
    }
    for (const key of ['Value', 'Export', 'Description']) {
      if (o[key] !== undefined) this.walkRefs(o[key], join(path, key), 'output');
    }
  }

  // ----- schema checks -----------------------------------------------------------------------

  private checkProperties(
    value: unknown,
    props: Record<string, SpecProperty>,
    owner: string,
    path: string,
    out: Problem[],
    open: boolean,
  ): void {
    if (this.skipIntrinsic(value, path, (v, p) => this.checkProperties(v, props, owner, p, out, open))) {
      return;
    }
    if (!isObject(value)) {
      this.report(path, `expected ${owner} object, got ${kindOf(value)}`, out);
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      const prop = props[key];
      if (prop) this.checkValue(v, prop.type, owner, join(path, key), out);
      else if (!open) {
        this.report(
          join(path, key),
          `unknown property '${key}' for ${owner}${suggest(key, Object.keys(props))}`,
          out,
        );
      }
    }
    for (const [key, prop] of Object.entries(props)) {
      if (prop.required && value[key] === undefined) {
        this.report(path, `missing required property '${key}' for ${owner}`, out);
      }
    }
  }

  /**
   * Intrinsic values are not type-checked, except Fn::If whose two branches are checked
   * against the expected type (`Ref: AWS::NoValue` branches are skipped). Returns true if handled.
   */
  private skipIntrinsic(value: unknown, path: string, check: (v: unknown, path: string) => void): boolean {
    const fn = intrinsicName(value);
    if (!fn) return false;
    const args = (value as Obj)[fn];
    if (fn === 'Fn::If' && Array.isArray(args) && args.length === 3) {
      for (const i of [1, 2]) {
        const branch = args[i];
        const noValue = isObject(branch) && branch.Ref === 'AWS::NoValue';
        if (!noValue) check(branch, `${path}.Fn::If[${i}]`);
      }
    }
    return true;
  }

  private describe(t: SpecType, owner: string): string {
    switch (t.type) {
      case 'array':
        return `list of ${this.describe(t.element, owner)}`;
      case 'map':
        return `map of ${this.describe(t.element, owner)}`;
      case 'union':
        return t.types.map((x) => this.describe(x, owner)).join(' | ');
      case 'ref':
        return `${this.ownerResource(owner)}.${this.spec.typeDef(t.reference.$ref)?.name ?? '?'}`;
      case 'tag':
        return 'Tag';
      default:
        return t.type;
    }
  }

  private ownerResource(owner: string): string {
    // owner is "AWS::X::Y" or "AWS::X::Y.TypeName"
    const dot = owner.indexOf('.');
    return dot < 0 ? owner : owner.slice(0, dot);
  }

  private checkValue(value: unknown, t: SpecType, owner: string, path: string, out: Problem[]): void {
    if (this.skipIntrinsic(value, path, (v, p) => this.checkValue(v, t, owner, p, out))) return;
    const mismatch = () =>
      this.report(path, `expected ${this.describe(t, owner)}, got ${kindOf(value)}`, out);
    switch (t.type) {
      case 'string':
      case 'date-time': {
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          const allowed = t.type === 'string' ? t.allowedValues : undefined;
          if (allowed && allowed.length > 0 && !allowed.includes(String(value))) {
            this.report(
              path,
              `${kindOf(value)} is not an allowed value; expected one of: ${allowed.join(', ')}`,
              out,
            );
          }
        } else mismatch();
        return;
      }
      case 'integer':
      case 'number': {
        const n =
          typeof value === 'number'
            ? value
            : typeof value === 'string' &&
                (t.type === 'integer' ? INTEGER_STRING : NUMBER_STRING).test(value.trim())
              ? Number(value)
              : undefined;
        if (n === undefined || (t.type === 'integer' && !Number.isInteger(n))) {
          mismatch();
          return;
        }
        const allowed = t.type === 'integer' ? t.allowedValues : undefined;
        if (allowed && allowed.length > 0 && !allowed.includes(n)) {
          this.report(
            path,
            `${kindOf(value)} is not an allowed value; expected one of: ${allowed.join(', ')}`,
            out,
          );
        }
        return;
      }
      case 'boolean':
        if (typeof value !== 'boolean' && !(typeof value === 'string' && /^(true|false)$/i.test(value))) {
          mismatch();
        }
        return;
      case 'json':
      case 'null':
        return;
      case 'tag':
        this.checkProperties(value, TAG_PROPERTIES, 'Tag', path, out, false);
        return;
      case 'ref': {
        const td = this.spec.typeDef(t.reference.$ref);
        if (!td) return;
        const name = `${this.ownerResource(owner)}.${td.name}`;
        // A type definition without properties is opaque in the spec: accept any keys.
        const open = Object.keys(td.properties).length === 0;
        this.checkProperties(value, td.properties, name, path, out, open);
        return;
      }
      case 'array':
        if (!Array.isArray(value)) {
          mismatch();
          return;
        }
        value.forEach((el, i) => {
          this.checkValue(el, t.element, owner, `${path}[${i}]`, out);
        });
        return;
      case 'map':
        if (!isObject(value)) {
          mismatch();
          return;
        }
        for (const [k, v] of Object.entries(value)) this.checkValue(v, t.element, owner, join(path, k), out);
        return;
      case 'union': {
        let best: Problem[] | undefined;
        let allShallow = true;
        for (const alt of t.types) {
          const tried: Problem[] = [];
          this.checkValue(value, alt, owner, path, tried);
          if (tried.length === 0) return;
          if (!(tried.length === 1 && tried[0]?.path === path && tried[0].message.startsWith('expected '))) {
            allShallow = false;
          }
          if (!best || tried.length < best.length) best = tried;
        }
        if (allShallow || !best) mismatch();
        else out.push(...best);
        return;
      }
    }
  }

  // ----- reference checks --------------------------------------------------------------------

  private walkRefs(v: unknown, path: string, ctx: RefContext): void {
    if (Array.isArray(v)) {
      v.forEach((el, i) => {
        this.walkRefs(el, `${path}[${i}]`, ctx);
      });
      return;
    }
    if (!isObject(v)) return;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const key = keys[0] as string;
      const arg = v[key];
      const p = join(path, key);
      switch (key) {
        case 'Ref':
          this.checkRef(arg, p, ctx, 'Ref');
          return;
        case 'Fn::GetAtt':
          this.checkGetAttFn(arg, p, ctx);
          return;
        case 'Fn::Sub':
          this.checkSub(arg, p, ctx);
          return;
        case 'Fn::If':
          if (!Array.isArray(arg) || arg.length !== 3) {
            this.report(p, 'Fn::If takes [condition, valueIfTrue, valueIfFalse]');
          } else this.checkConditionName(arg[0], `${p}[0]`);
          break;
        case 'Fn::FindInMap':
          this.checkFindInMap(arg, p);
          break;
        case 'Condition':
          if (ctx === 'condition') {
            this.checkConditionName(arg, p);
            return;
          }
          break;
      }
    }
    for (const key of keys) this.walkRefs(v[key], join(path, key), ctx);
  }

  private checkRef(target: unknown, path: string, ctx: RefContext, label: string): void {
    if (typeof target !== 'string') {
      this.report(path, `${label} target must be a string, got ${kindOf(target)}`);
      return;
    }
    if (PSEUDO_PARAMETERS.has(target) || this.parameters.has(target)) return;
    if (this.resources.has(target)) {
      if (ctx === 'condition')
        this.report(path, `Conditions can only Ref parameters, not resource '${target}'`);
      return;
    }
    const candidates = [...this.parameters, ...this.resources.keys(), ...PSEUDO_PARAMETERS];
    this.report(
      path,
      `${label} to unknown '${target}' (not a parameter, resource or pseudo parameter)${suggest(target, candidates)}`,
    );
  }

  private checkGetAttFn(arg: unknown, path: string, ctx: RefContext): void {
    let res: unknown;
    let attr: unknown;
    if (typeof arg === 'string' && arg.includes('.')) {
      const dot = arg.indexOf('.');
      res = arg.slice(0, dot);
      attr = arg.slice(dot + 1);
    } else if (Array.isArray(arg) && arg.length === 2) {
      [res, attr] = arg;
    } else {
      this.report(path, `Fn::GetAtt takes [logicalId, attribute], got ${kindOf(arg)}`);
      return;
    }
    if (typeof res !== 'string') {
      this.report(path, `Fn::GetAtt logical id must be a string, got ${kindOf(res)}`);
      return;
    }
    if (ctx === 'condition') {
      this.report(path, 'Fn::GetAtt is not allowed in Conditions');
      return;
    }
    if (typeof attr !== 'string') this.walkRefs(attr, `${path}[1]`, ctx);
    this.checkGetAtt(res, attr, path, 'Fn::GetAtt');
  }

  private checkGetAtt(res: string, attr: unknown, path: string, label: string): void {
    if (!this.resources.has(res)) {
      const what = this.parameters.has(res) ? 'a parameter, not a resource' : 'not a resource';
      this.report(path, `${label} target '${res}' is ${what}${suggest(res, this.resources.keys())}`);
      return;
    }
    const type = this.resources.get(res);
    if (typeof attr !== 'string' || type === undefined || isCustomType(type)) return;
    if (type === 'AWS::CloudFormation::Stack' && attr.startsWith('Outputs.')) return;
    const spec = this.spec.resource(type);
    if (!spec || attr in spec.attributes) return;
    const known = Object.keys(spec.attributes);
    this.report(
      path,
      `${label}: '${attr}' is not an attribute of ${type} (${res})${suggest(attr, known)}; known: ${known.join(', ') || 'none'}`,
    );
  }

  private checkSub(arg: unknown, path: string, ctx: RefContext): void {
    let text: unknown = arg;
    let vars: Obj = {};
    if (Array.isArray(arg)) {
      if (arg.length !== 2 || !isObject(arg[1])) {
        this.report(path, 'Fn::Sub takes a string or [string, {variables}]');
        return;
      }
      text = arg[0];
      vars = arg[1];
      for (const [k, v] of Object.entries(vars)) this.walkRefs(v, `${path}[1].${k}`, ctx);
    }
    if (typeof text !== 'string') {
      if (intrinsicName(text)) this.walkRefs(text, Array.isArray(arg) ? `${path}[0]` : path, ctx);
      else this.report(path, `Fn::Sub template must be a string, got ${kindOf(text)}`);
      return;
    }
    for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
      const inner = m[1] as string;
      if (inner.startsWith('!')) continue; // ${!Literal} is emitted as-is
      const name = inner.trim();
      if (name in vars) continue;
      const dot = name.indexOf('.');
      if (dot < 0) this.checkRef(name, path, ctx, `Fn::Sub \${${name}}: Ref`);
      else if (ctx === 'condition') this.report(path, 'Fn::GetAtt is not allowed in Conditions');
      else this.checkGetAtt(name.slice(0, dot), name.slice(dot + 1), path, `Fn::Sub \${${name}}: Fn::GetAtt`);
    }
  }

  private checkFindInMap(arg: unknown, path: string): void {
    if (!Array.isArray(arg) || arg.length < 3 || arg.length > 4) {
      this.report(path, 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]');
      return;
    }
    const [map, top, second, defaults] = arg;
    if (typeof map !== 'string') return;
    const m = this.mappings[map];
    if (!isObject(m)) {
      this.report(`${path}[0]`, `unknown mapping '${map}'${suggest(map, Object.keys(this.mappings))}`);
      return;
    }
    if (defaults !== undefined) return; // Fn::FindInMap with DefaultValue (AWS::LanguageExtensions)
    if (typeof top === 'string') {
      const level = m[top];
      if (!isObject(level)) {
        this.report(`${path}[1]`, `mapping '${map}' has no key '${top}'${suggest(top, Object.keys(m))}`);
      } else if (typeof second === 'string' && !(second in level)) {
        this.report(
          `${path}[2]`,
          `mapping '${map}.${top}' has no key '${second}'${suggest(second, Object.keys(level))}`,
        );
      }
    } else if (typeof second === 'string') {
      // top-level key computed at deploy time: the second-level key must exist in at least one entry
      const levels = Object.values(m).filter(isObject);
      if (!levels.some((level) => second in level)) {
        const known = new Set(levels.flatMap((level) => Object.keys(level)));
        this.report(
          `${path}[2]`,
          `no entry of mapping '${map}' has key '${second}'${suggest(second, known)}`,
        );
      }
    }
  }
}

/** Check a (long-form) template object with a preloaded spec. */
export function checkTemplateWithSpec(template: unknown, spec: Spec): Problem[] {
  return new TemplateChecker(spec, template).run();
}

/** Check a (long-form) template object. Loads the spec db once per process (about 1 s). */
export async function checkTemplate(template: unknown, opts: CheckOptions = {}): Promise<Problem[]> {
  return checkTemplateWithSpec(template, opts.spec ?? (await loadSpec()));
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    process.stderr.write('usage: tsx scripts/cfn-check.ts <template.json|yaml>...\n');
    return 2;
  }
  const spec = await loadSpec();
  let failed = false;
  for (const file of files) {
    let template: unknown;
    try {
      template = loadTemplateFile(file);
    } catch (err) {
      failed = true;
      process.stdout.write(`${file}: ${(err as Error).message}\n`);
      continue;
    }
    const problems = checkTemplateWithSpec(template, spec);
    if (problems.length > 0) {
      failed = true;
      for (const p of problems) process.stdout.write(`${file}: ${p.path || '<root>'}: ${p.message}\n`);
    } else {
      const resources = isObject(template) && isObject(template.Resources) ? template.Resources : {};
      process.stdout.write(`ok ${file} (${Object.keys(resources).length} resources)\n`);
    }
  }
  return failed ? 1 : 0;
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
