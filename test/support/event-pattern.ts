// Offline matcher for Amazon EventBridge event patterns, so tests can check the rule pattern we deploy
// against realistic events. Written from the EventBridge user guide ("Event patterns", "Content
// filtering", "Arrays", "Null values and empty strings") and the validation rules of aws/event-ruler,
// the open-source engine behind EventBridge. No npm library does this faithfully (see TOOLCHAIN.md).
//
// Deliberate choices where the documentation is silent or we cannot follow it:
// - matchesPattern throws on a pattern EventBridge would reject: a silent `false` would hide the bug.
// - A top-level `{}` matches everything (Event Ruler rejects empty objects; nested `{}` is flagged).
// - Numbers are compared as parsed JS numbers, so 300 and 300.0 are equal (Event Ruler also adds a
//   numeric-equality matcher for every number in a pattern).
// - When the event holds an array of objects, each element is matched on its own: two fields of a
//   pattern must match inside the same element (Event Ruler's array-consistent matching).
// - Case folding for equals-ignore-case uses String.prototype.toLowerCase.

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------------------------
// Matching

/** True when `event` matches `pattern`. Throws if EventBridge would reject the pattern. */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  const problems = validatePattern(pattern);
  if (problems.length > 0) throw new Error(`invalid event pattern: ${problems.join('; ')}`);
  return matchObject(pattern as JsonObject, isObject(event) ? event : {});
}

/** Every key of the pattern must match (AND); `$or` branches are alternatives at the same level. */
function matchObject(pattern: JsonObject, event: JsonObject): boolean {
  return Object.entries(pattern).every(([key, sub]) => {
    if (key === '$or' && Array.isArray(sub)) {
      return sub.some((branch) => matchObject(branch as JsonObject, event));
    }
    const value = Object.hasOwn(event, key) ? event[key] : undefined;
    if (Array.isArray(sub)) return sub.some((matcher) => matchLeaf(matcher, leavesOf(value)));
    // A nested pattern descends into every object the field holds. With none (field absent, or a
    // plain value), descend into nothing so that only `exists: false` leaves can still match.
    const objects = flatten(value).filter(isObject);
    if (objects.length === 0) return matchObject(sub as JsonObject, {});
    return objects.some((object) => matchObject(sub as JsonObject, object));
  });
}

/** Arrays in events are "crushed": nested arrays count as one list of values; absent is no values. */
function flatten(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.flatMap((item) => flatten(item)) : [value];
}

/** The leaf values at a field. Objects are not leaves, so `exists` ignores them (per the docs). */
function leavesOf(value: unknown): unknown[] {
  return flatten(value).filter((item) => !isObject(item));
}

/** One element of a pattern's value array against the field's leaf values (any value may match). */
function matchLeaf(matcher: unknown, values: unknown[]): boolean {
  if (!isObject(matcher)) return values.some((value) => value === matcher); // type-sensitive
  const [operator, argument] = Object.entries(matcher)[0] as [string, unknown];
  // exists is about the field, not a value: an empty array or an object counts as absent.
  if (operator === 'exists') return argument === values.length > 0;
  const test = OPERATORS[operator] as (argument: unknown, value: unknown) => boolean;
  return values.some((value) => test(argument, value));
}

const fold = (text: string): string => text.toLowerCase();
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

// Each operator tests one present leaf value; an absent field has no values, so none of these
// (anything-but included) can match it.
const OPERATORS: Record<string, (argument: unknown, value: unknown) => boolean> = {
  prefix: (argument, value) =>
    typeof value === 'string' &&
    (isObject(argument)
      ? fold(value).startsWith(fold(argument['equals-ignore-case'] as string))
      : value.startsWith(argument as string)),
  suffix: (argument, value) =>
    typeof value === 'string' &&
    (isObject(argument)
      ? fold(value).endsWith(fold(argument['equals-ignore-case'] as string))
      : value.endsWith(argument as string)),
  'equals-ignore-case': (argument, value) =>
    typeof value === 'string' && fold(value) === fold(argument as string),
  wildcard: (argument, value) => typeof value === 'string' && wildcardRegExp(argument as string).test(value),
  numeric: (argument, value) => typeof value === 'number' && numericHolds(argument as unknown[], value),
  cidr: (argument, value) => typeof value === 'string' && inCidr(argument as string, value),
  'anything-but': (argument, value) => !excludedBy(argument, value),
};

/**
 * Whether anything-but's argument excludes this value. Its prefix/suffix/equals-ignore-case/wildcard
 * forms only ever exclude strings (Event Ruler matches them against quoted string bytes).
 */
function excludedBy(argument: unknown, value: unknown): boolean {
  if (!isObject(argument)) return asList(argument).includes(value); // exact, type-sensitive
  if (typeof value !== 'string') return false;
  const [operator, operand] = Object.entries(argument)[0] as [string, unknown];
  switch (operator) {
    case 'prefix':
      return value.startsWith(operand as string);
    case 'suffix':
      return value.endsWith(operand as string);
    case 'equals-ignore-case':
      return asList(operand).some((text) => fold(text as string) === fold(value));
    default: // wildcard
      return asList(operand).some((text) => wildcardRegExp(text as string).test(value));
  }
}

const COMPARE: Record<string, (value: number, bound: number) => boolean> = {
  '=': (value, bound) => value === bound,
  '<': (value, bound) => value < bound,
  '<=': (value, bound) => value <= bound,
  '>': (value, bound) => value > bound,
  '>=': (value, bound) => value >= bound,
};

/** ["op", n] or [">"/">=", n, "<"/"<=", m]: every comparison must hold. */
function numericHolds(terms: unknown[], value: number): boolean {
  for (let i = 0; i < terms.length; i += 2) {
    const compare = COMPARE[terms[i] as string] as (value: number, bound: number) => boolean;
    if (!compare(value, terms[i + 1] as number)) return false;
  }
  return true;
}

/** `*` is any run of characters; `\*` is a literal star and `\\` a literal backslash. */
function wildcardRegExp(wildcard: string): RegExp {
  let body = '';
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i] as string;
    if (char === '\\') body += escapeRegExp(wildcard[++i] as string);
    else body += char === '*' ? '.*' : escapeRegExp(char);
  }
  return new RegExp(`^${body}$`, 's');
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------------------------------------
// IP addresses (plain BigInt; the matcher shares no code with functions/)

interface Address {
  bits: 32 | 128;
  value: bigint;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseAddress(text: string): Address | undefined {
  if (IPV4.test(text))
    return { bits: 32, value: text.split('.').reduce((acc, part) => acc * 256n + BigInt(part), 0n) };
  // An IPv6 address may end in a dotted quad (::ffff:10.0.0.1): rewrite it as two hex groups.
  const quad = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const v4 = quad ? parseAddress(quad[2] as string) : undefined;
  if (quad && v4?.bits !== 32) return undefined;
  const hex = v4
    ? `${quad?.[1]}${(v4.value >> 16n).toString(16)}:${(v4.value & 0xffffn).toString(16)}`
    : text;

  const halves = hex.split('::');
  if (halves.length > 2) return undefined;
  const [head = [], tail] = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (tail && head.length + tail.length > 7) return undefined; // "::" stands for at least one group
  const groups = tail
    ? [...head, ...new Array<string>(8 - head.length - tail.length).fill('0'), ...tail]
    : head;
  if (groups.length !== 8 || !groups.every((group) => HEX_GROUP.test(group))) return undefined;
  return { bits: 128, value: groups.reduce((acc, group) => (acc << 16n) + BigInt(`0x${group}`), 0n) };
}

function parseCidr(text: string): (Address & { prefix: number }) | undefined {
  const [addressText = '', prefixText = '', ...rest] = text.split('/');
  const address = parseAddress(addressText);
  if (!address || rest.length > 0 || !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= address.bits ? { ...address, prefix } : undefined;
}

function inCidr(cidrText: string, addressText: string): boolean {
  const cidr = parseCidr(cidrText) as Address & { prefix: number };
  const address = parseAddress(addressText);
  if (address?.bits !== cidr.bits) return false; // IPv4 ranges never hold IPv6 addresses, and back
  const hostBits = BigInt(cidr.bits - cidr.prefix);
  return address.value >> hostBits === cidr.value >> hostBits;
}

// ---------------------------------------------------------------------------------------------
// Validation (the subset of Event Ruler's compile errors that a hand-written pattern can hit)

/** Problems EventBridge would reject the pattern for; empty when the pattern is valid. */
export function validatePattern(pattern: unknown): string[] {
  if (!isObject(pattern)) return ['the pattern must be a JSON object'];
  const problems: string[] = [];
  checkObject(pattern, '', problems);
  return problems;
}

function checkObject(pattern: JsonObject, path: string, problems: string[]): void {
  if (path !== '' && Object.keys(pattern).length === 0)
    problems.push(`${path}: empty objects are not allowed`);
  for (const [key, sub] of Object.entries(pattern)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key === '$or' && Array.isArray(sub)) {
      // A non-array "$or" is an ordinary field name to Event Ruler (backward compatibility).
      if (sub.length < 2) problems.push(`${here}: needs at least 2 objects`);
      sub.forEach((branch, i) => {
        if (isObject(branch) && Object.keys(branch).length > 0)
          checkObject(branch, `${here}[${i}]`, problems);
        else problems.push(`${here}[${i}]: must be a non-empty object`);
      });
    } else if (Array.isArray(sub)) {
      if (sub.length === 0) problems.push(`${here}: empty arrays are not allowed`);
      sub.forEach((matcher, i) => {
        const problem = checkMatcher(matcher);
        if (problem) problems.push(`${here}[${i}]: ${problem}`);
      });
    } else if (isObject(sub)) {
      checkObject(sub, here, problems);
    } else {
      problems.push(`${here}: must be an object or an array of values (got ${JSON.stringify(sub)})`);
    }
  }
}

function checkMatcher(matcher: unknown): string | undefined {
  if (matcher === null || ['string', 'boolean'].includes(typeof matcher)) return undefined;
  if (typeof matcher === 'number') return Number.isFinite(matcher) ? undefined : 'numbers must be finite';
  if (!isObject(matcher)) return 'a match value must be a string, number, boolean, null or operator object';
  const entries = Object.entries(matcher);
  if (entries.length !== 1) return 'an operator object must have exactly one key';
  const [operator, argument] = entries[0] as [string, unknown];
  const check = CHECKS[operator];
  return check ? check(argument) : `unknown operator "${operator}"`;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const nonEmptyListOf = (value: unknown, test: (item: unknown) => boolean): boolean =>
  Array.isArray(value) && value.length > 0 && value.every(test);

/** A string, or `{"equals-ignore-case": string}`, as prefix and suffix take. */
const stringOrIgnoreCase = (name: string) => (argument: unknown) =>
  isString(argument) ||
  (isObject(argument) && Object.keys(argument).length === 1 && isString(argument['equals-ignore-case']))
    ? undefined
    : `${name} takes a string or {"equals-ignore-case": string}`;

const CHECKS: Record<string, (argument: unknown) => string | undefined> = {
  prefix: stringOrIgnoreCase('prefix'),
  suffix: stringOrIgnoreCase('suffix'),
  'equals-ignore-case': (argument) => (isString(argument) ? undefined : 'equals-ignore-case takes a string'),
  wildcard: (argument) => (isString(argument) ? wildcardProblem(argument) : 'wildcard takes a string'),
  exists: (argument) => (typeof argument === 'boolean' ? undefined : 'exists takes true or false'),
  cidr: (argument) => (isString(argument) && parseCidr(argument) ? undefined : 'cidr takes "address/prefix"'),
  numeric: numericProblem,
  'anything-but': anythingButProblem,
};

const LOWER = ['>', '>='];
const UPPER = ['<', '<='];

/** Event Ruler accepts ["=", n], one bound, or a lower bound followed by an upper bound. */
function numericProblem(argument: unknown): string | undefined {
  if (!Array.isArray(argument)) return 'numeric takes an array';
  const [op, bound, op2, bound2] = argument;
  if (argument.includes('!=')) return 'numeric has no "!=" operator (use anything-but)';
  if (argument.length === 2 && ['=', ...LOWER, ...UPPER].includes(op) && isNumber(bound)) return undefined;
  if (
    argument.length === 4 &&
    LOWER.includes(op) &&
    isNumber(bound) &&
    UPPER.includes(op2) &&
    isNumber(bound2)
  ) {
    return undefined;
  }
  return 'numeric takes ["=", n], [">"|">="|"<"|"<=", n] or [">"|">=", n, "<"|"<=", m]';
}

function anythingButProblem(argument: unknown): string | undefined {
  if (isString(argument) || isNumber(argument)) return undefined;
  if (Array.isArray(argument)) {
    return nonEmptyListOf(argument, isString) || nonEmptyListOf(argument, isNumber)
      ? undefined
      : 'an anything-but list must hold only strings or only numbers';
  }
  if (!isObject(argument) || Object.keys(argument).length !== 1) {
    return 'anything-but takes a string, a number, a list, or one of prefix/suffix/equals-ignore-case/wildcard';
  }
  const [operator, operand] = Object.entries(argument)[0] as [string, unknown];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return isString(operand) && operand !== ''
        ? undefined
        : `anything-but ${operator} takes a non-empty string`;
    case 'equals-ignore-case':
      return isString(operand) || nonEmptyListOf(operand, isString)
        ? undefined
        : 'anything-but equals-ignore-case takes a string or a list of strings';
    case 'wildcard':
      if (isString(operand)) return wildcardProblem(operand);
      if (!nonEmptyListOf(operand, isString))
        return 'anything-but wildcard takes a string or a list of strings';
      return (operand as string[]).map(wildcardProblem).find(Boolean);
    default:
      return `unsupported anything-but operator "${operator}"`;
  }
}

/** Event Ruler forbids `**` and any backslash escape other than `\*` and `\\`. */
function wildcardProblem(wildcard: string): string | undefined {
  let previousWasStar = false;
  for (let i = 0; i < wildcard.length; i++) {
    const char = wildcard[i];
    if (char === '\\') {
      if (wildcard[i + 1] !== '*' && wildcard[i + 1] !== '\\')
        return 'wildcard: only \\* and \\\\ may be escaped';
      i++;
      previousWasStar = false;
    } else if (char === '*') {
      if (previousWasStar) return 'wildcard: consecutive * are not allowed';
      previousWasStar = true;
    } else {
      previousWasStar = false;
    }
  }
  return undefined;
}
