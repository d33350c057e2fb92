// Plants one error of a given kind into a copy of a real template, at the first place in it where that
// kind of error can occur, so a test can show the validator catches it in *this* template (not only in
// a fixture). Each planter returns where it planted, or undefined if the template offers no site.
import type { Spec, SpecType } from '../../scripts/cfn-check';
import { PSEUDO_PARAMETERS } from '../../scripts/cfn-check';
import type { Template } from './packaged-stack';

export type ErrorKind =
  | 'unknown resource type'
  | 'unknown property'
  | 'missing required property'
  | 'value outside its enum'
  | 'wrong value type'
  | 'Ref to a missing target'
  | 'Fn::GetAtt to a missing resource'
  | 'Fn::GetAtt of a missing attribute';

interface Planter {
  plant(t: Template, spec: Spec): string | undefined;
  /** What the validator must report once the error is planted. */
  readonly expect: RegExp;
}

const resources = (t: Template): [string, Template][] =>
  Object.entries<Template>(t.Resources ?? {}).filter(([, r]) => !String(r.Type).startsWith('Custom::'));

type Site = { parent: Template; key: string | number };

/** Every object in `node` (depth first) with its parent slot, so a planter can replace it in place. */
function* slots(node: unknown, parent?: Site): Generator<{ value: Template } & Partial<Site>> {
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) yield* slots(v, { parent: node as never, key: i });
  } else if (node && typeof node === 'object') {
    yield { value: node as Template, ...parent };
    for (const [k, v] of Object.entries(node)) yield* slots(v, { parent: node as Template, key: k });
  }
}

/** A literal scalar whose schema type is `wanted`, found by walking properties alongside the spec. */
function findTyped(
  spec: Spec,
  value: unknown,
  type: SpecType,
  wanted: (t: SpecType, v: unknown) => boolean,
  site: Site,
): Site | undefined {
  if (wanted(type, value)) return site;
  if (type.type === 'array' && Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findTyped(spec, v, type.element, wanted, { parent: value as never, key: i });
      if (hit) return hit;
    }
  }
  if (type.type === 'ref' && value && typeof value === 'object' && !Array.isArray(value)) {
    const props = spec.typeDef(type.reference.$ref)?.properties ?? {};
    for (const [k, v] of Object.entries(value)) {
      const prop = props[k];
      const hit = prop && findTyped(spec, v, prop.type, wanted, { parent: value as Template, key: k });
      if (hit) return hit;
    }
  }
  if (type.type === 'union') {
    for (const alt of type.types) {
      const hit = findTyped(spec, value, alt, wanted, site);
      if (hit) return hit;
    }
  }
  return undefined;
}

function plantTyped(t: Template, spec: Spec, wanted: (t: SpecType, v: unknown) => boolean, bad: unknown) {
  for (const [id, r] of resources(t)) {
    const props = spec.resource(r.Type)?.properties ?? {};
    for (const [k, v] of Object.entries(r.Properties ?? {})) {
      const prop = props[k];
      const hit = prop && findTyped(spec, v, prop.type, wanted, { parent: r.Properties, key: k });
      if (hit) {
        hit.parent[hit.key] = bad;
        return `${id}.${k}`;
      }
    }
  }
  return undefined;
}

const isEnum = (type: SpecType, v: unknown) =>
  type.type === 'string' && (type.allowedValues?.length ?? 0) > 0 && typeof v === 'string';
const isNumberOrBool = (type: SpecType, v: unknown) =>
  (type.type === 'integer' || type.type === 'boolean') && (typeof v === 'number' || typeof v === 'boolean');

function firstIntrinsic(t: Template, name: 'Ref' | 'Fn::GetAtt'): Template | undefined {
  for (const section of [t.Resources, t.Outputs]) {
    for (const { value } of slots(section)) {
      const keys = Object.keys(value);
      if (keys.length !== 1 || keys[0] !== name) continue;
      if (name === 'Ref' && PSEUDO_PARAMETERS.has(value.Ref)) continue;
      if (name === 'Fn::GetAtt' && !Array.isArray(value[name])) continue;
      return value;
    }
  }
  return undefined;
}

export const PLANTERS: Record<ErrorKind, Planter> = {
  'unknown resource type': {
    plant: (t) => {
      const [id, r] = resources(t)[0] ?? [];
      if (!r) return undefined;
      r.Type = `${r.Type}Typo`;
      return id;
    },
    expect: /unknown resource type/,
  },
  'unknown property': {
    plant: (t) => {
      const [id, r] = resources(t).find(([, r]) => r.Properties) ?? [];
      if (!r) return undefined;
      r.Properties.NotAProperty = 'x';
      return id;
    },
    expect: /unknown property 'NotAProperty'/,
  },
  'missing required property': {
    plant: (t, spec) => {
      for (const [id, r] of resources(t)) {
        const props = spec.resource(r.Type)?.properties ?? {};
        const name = Object.keys(props).find((k) => props[k]?.required && r.Properties?.[k] !== undefined);
        if (name) {
          delete r.Properties[name];
          return `${id}.${name}`;
        }
      }
      return undefined;
    },
    expect: /missing required property/,
  },
  'value outside its enum': {
    plant: (t, spec) => plantTyped(t, spec, isEnum, 'NOT_AN_ALLOWED_VALUE'),
    expect: /"NOT_AN_ALLOWED_VALUE" is not an allowed value/,
  },
  'wrong value type': {
    plant: (t, spec) => plantTyped(t, spec, isNumberOrBool, ['a', 'list']),
    expect: /expected [^,]*(integer|boolean)[^,]*, got list/,
  },
  'Ref to a missing target': {
    plant: (t) => {
      const ref = firstIntrinsic(t, 'Ref');
      if (!ref) return undefined;
      ref.Ref = `${ref.Ref}Gone`;
      return ref.Ref;
    },
    expect: /Ref to unknown '\w+Gone'/,
  },
  'Fn::GetAtt to a missing resource': {
    plant: (t) => {
      const getAtt = firstIntrinsic(t, 'Fn::GetAtt');
      if (!getAtt) return undefined;
      getAtt['Fn::GetAtt'][0] = `${getAtt['Fn::GetAtt'][0]}Gone`;
      return getAtt['Fn::GetAtt'][0];
    },
    expect: /Fn::GetAtt target '\w+Gone' is not a resource/,
  },
  'Fn::GetAtt of a missing attribute': {
    plant: (t) => {
      const getAtt = firstIntrinsic(t, 'Fn::GetAtt');
      if (!getAtt) return undefined;
      getAtt['Fn::GetAtt'][1] = 'NoSuchAttribute';
      return getAtt['Fn::GetAtt'][0];
    },
    expect: /'NoSuchAttribute' is not an attribute of/,
  },
};
