/**
 * The part of DynamoDB's expression language the repeat counter uses, and nothing more: a
 * `ConditionExpression` of comparisons, `attribute_exists` / `attribute_not_exists`, AND, OR, NOT and
 * parentheses; an `UpdateExpression` of `SET a = :v` / `SET a = if_not_exists(a, :v)` and `ADD a :n`
 * clauses (DynamoDB developer guide, condition and update expressions). Anything else (REMOVE, DELETE,
 * `+`, list_append, nested paths, functions such as begins_with) is refused with a ValidationException
 * that says the fake does not implement it, so a new expression in the adapter fails its wire test
 * instead of passing against semantics nobody wrote.
 */
import { AwsError } from './common.js';

export type AttributeValue = { readonly S: string } | { readonly N: string };
export type DynamoItem = Record<string, AttributeValue>;

export interface ExpressionInput {
  readonly names: Record<string, string>;
  readonly values: Record<string, AttributeValue>;
  /** Names and values the expressions used: DynamoDB refuses a request that declares one it never uses. */
  readonly used: Set<string>;
}

const invalid = (message: string) => new AwsError('ValidationException', message);
const notImplemented = (what: string) =>
  invalid(
    `fake-aws DynamoDB does not implement ${what}; add it to dynamodb-expressions.ts with its semantics`,
  );

/** A few of DynamoDB's reserved words (the full list has 573): the ones a counter is tempted to use. */
const RESERVED = new Set([
  'count',
  'name',
  'status',
  'size',
  'value',
  'key',
  'timestamp',
  'date',
  'time',
  'data',
]);

const TOKEN = /\s*(<>|<=|>=|[=<>(),]|#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*|\S)/y;

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  // A sticky regex that fails resets lastIndex, so the position is kept here.
  let at = 0;
  for (;;) {
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(expression);
    if (!match) break;
    tokens.push(match[1] as string);
    at = TOKEN.lastIndex;
  }
  if (expression.slice(at).trim() !== '') throw invalid(`Invalid expression: ${expression}`);
  return tokens;
}

class Tokens {
  private at = 0;
  constructor(
    private readonly tokens: string[],
    private readonly input: ExpressionInput,
  ) {}
  peek(): string | undefined {
    return this.tokens[this.at];
  }
  next(): string {
    const token = this.tokens[this.at++];
    if (token === undefined) throw invalid('Invalid expression: unexpected end');
    return token;
  }
  expect(token: string): void {
    const got = this.next();
    if (got.toLowerCase() !== token.toLowerCase())
      throw invalid(`Invalid expression: expected ${token}, got ${got}`);
  }
  done(): boolean {
    return this.at >= this.tokens.length;
  }
  /** An attribute name: `#alias` or a plain top-level name (no nested paths). */
  path(): string {
    const token = this.next();
    if (this.peek() === '.' || this.peek() === '[') throw notImplemented('nested attribute paths');
    if (token.startsWith('#')) {
      const name = this.input.names[token];
      if (name === undefined)
        throw invalid(
          `An expression attribute name used in the document path is not defined; attribute name: ${token}`,
        );
      this.input.used.add(token);
      return name;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) throw invalid(`Invalid expression: unexpected ${token}`);
    if (RESERVED.has(token.toLowerCase()))
      throw invalid(`Attribute name is a reserved keyword; reserved keyword: ${token}`);
    return token;
  }
  value(): AttributeValue {
    const token = this.next();
    if (!token.startsWith(':')) throw invalid(`Invalid expression: expected a value, got ${token}`);
    const value = this.input.values[token];
    if (value === undefined)
      throw invalid(
        `An expression attribute value used in expression is not defined; attribute value: ${token}`,
      );
    if (!('S' in value) && !('N' in value)) throw notImplemented('attribute types other than S and N');
    this.input.used.add(token);
    return value;
  }
}

const FUNCTIONS = new Set(['begins_with', 'contains', 'size', 'attribute_type']);

type Condition = (item: DynamoItem | undefined) => boolean;
type Operand = (item: DynamoItem | undefined) => AttributeValue | undefined;

const COMPARATORS: Record<string, (order: number) => boolean> = {
  '=': (o) => o === 0,
  '<>': (o) => o !== 0,
  '<': (o) => o < 0,
  '<=': (o) => o <= 0,
  '>': (o) => o > 0,
  '>=': (o) => o >= 0,
};

/** Numbers compare as numbers, strings by code point; values of different types are only unequal. */
function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  // A missing attribute makes every comparison false (the adapter guards with attribute_not_exists).
  if (!a || !b) return false;
  if ('N' in a && 'N' in b)
    return (COMPARATORS[op] as (o: number) => boolean)(Math.sign(Number(a.N) - Number(b.N)));
  if ('S' in a && 'S' in b)
    return (COMPARATORS[op] as (o: number) => boolean)(a.S < b.S ? -1 : a.S > b.S ? 1 : 0);
  return op === '<>';
}

function operand(tokens: Tokens): Operand {
  if (tokens.peek()?.startsWith(':')) {
    const value = tokens.value();
    return () => value;
  }
  const name = tokens.path();
  return (item) => item?.[name];
}

function factor(tokens: Tokens): Condition {
  const token = tokens.peek();
  if (token?.toUpperCase() === 'NOT') {
    tokens.next();
    const inner = factor(tokens);
    return (item) => !inner(item);
  }
  if (token === '(') {
    tokens.next();
    const inner = orExpression(tokens);
    tokens.expect(')');
    return inner;
  }
  if (token === 'attribute_exists' || token === 'attribute_not_exists') {
    tokens.next();
    tokens.expect('(');
    const name = tokens.path();
    tokens.expect(')');
    return token === 'attribute_exists'
      ? (item) => item?.[name] !== undefined
      : (item) => item?.[name] === undefined;
  }
  if (token && FUNCTIONS.has(token)) throw notImplemented(`the function ${token}`);
  const left = operand(tokens);
  const op = tokens.next();
  if (!(op in COMPARATORS)) throw notImplemented(`the operator ${op}`);
  const right = operand(tokens);
  return (item) => compare(op, left(item), right(item));
}

function andExpression(tokens: Tokens): Condition {
  let condition = factor(tokens);
  while (tokens.peek()?.toUpperCase() === 'AND') {
    tokens.next();
    const [left, right] = [condition, factor(tokens)];
    condition = (item) => left(item) && right(item);
  }
  return condition;
}

function orExpression(tokens: Tokens): Condition {
  let condition = andExpression(tokens);
  while (tokens.peek()?.toUpperCase() === 'OR') {
    tokens.next();
    const [left, right] = [condition, andExpression(tokens)];
    condition = (item) => left(item) || right(item);
  }
  return condition;
}

export function parseCondition(expression: string, input: ExpressionInput): Condition {
  const tokens = new Tokens(tokenize(expression), input);
  const condition = orExpression(tokens);
  if (!tokens.done()) throw invalid(`Invalid ConditionExpression: unexpected ${tokens.peek()}`);
  return condition;
}

/** One assignment of an update: what it writes, given the item before the update. */
type Action = { readonly name: string; readonly apply: (before: DynamoItem | undefined) => AttributeValue };

function setValue(tokens: Tokens): (before: DynamoItem | undefined) => AttributeValue {
  if (tokens.peek() === 'if_not_exists') {
    tokens.next();
    tokens.expect('(');
    const name = tokens.path();
    tokens.expect(',');
    const fallback = tokens.value();
    tokens.expect(')');
    return (before) => before?.[name] ?? fallback;
  }
  if (!tokens.peek()?.startsWith(':'))
    throw notImplemented(`SET from ${tokens.peek()} (only :value and if_not_exists)`);
  const value = tokens.value();
  if (tokens.peek() === '+' || tokens.peek() === '-') throw notImplemented('arithmetic in SET');
  return () => value;
}

function addValue(name: string, value: AttributeValue): (before: DynamoItem | undefined) => AttributeValue {
  if (!('N' in value)) throw notImplemented('ADD of anything but a number');
  return (before) => {
    const current = before?.[name];
    if (current && !('N' in current))
      throw invalid('An operand in the update expression has an incorrect data type');
    return { N: String(Number(current?.N ?? '0') + Number(value.N)) };
  };
}

export function parseUpdate(expression: string, input: ExpressionInput): Action[] {
  const tokens = new Tokens(tokenize(expression), input);
  const actions: Action[] = [];
  const seen = new Set<string>();
  while (!tokens.done()) {
    const clause = tokens.next().toUpperCase();
    if (clause !== 'SET' && clause !== 'ADD') throw notImplemented(`the ${clause} clause`);
    if (seen.has(clause))
      throw invalid(`Invalid UpdateExpression: The "${clause}" section can only be used once`);
    seen.add(clause);
    do {
      const name = tokens.path();
      if (clause === 'SET') {
        tokens.expect('=');
        actions.push({ name, apply: setValue(tokens) });
      } else actions.push({ name, apply: addValue(name, tokens.value()) });
    } while (tokens.peek() === ',' && tokens.next());
  }
  const names = actions.map((a) => a.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw invalid(`Invalid UpdateExpression: Two document paths overlap with each other; ${twice}`);
  return actions;
}
