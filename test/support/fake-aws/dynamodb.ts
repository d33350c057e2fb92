/**
 * DynamoDB's JSON 1.0 protocol (`X-Amz-Target: DynamoDB_20120810.<Operation>`), for the one call the
 * guard makes: UpdateItem on the repeat counter's table, with the semantics it relies on (DynamoDB
 * API reference, UpdateItem): the item is created by the update when absent; a false condition
 * answers 400 ConditionalCheckFailedException, carrying the stored item when
 * `ReturnValuesOnConditionCheckFailure` is ALL_OLD; `ReturnValues` NONE, ALL_OLD or ALL_NEW. Tables
 * exist only once a test creates them (as the stack does); another table answers
 * ResourceNotFoundException. Other operations are refused loudly.
 */
import { AwsError, type HandlerContext } from './common.js';
import { type AttributeValue, type DynamoItem, parseCondition, parseUpdate } from './dynamodb-expressions.js';

export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810.';
export const JSON_10 = 'application/x-amz-json-1.0';

export type { AttributeValue, DynamoItem } from './dynamodb-expressions.js';

/** One table: its hash key's name, its items by that key's string value. */
export class FakeTable {
  readonly items = new Map<string, DynamoItem>();
  constructor(
    readonly name: string,
    readonly hashKey = 'pk',
  ) {}
}

/** A failed condition, answered with the item DynamoDB had when asked for it. */
export class ConditionFailed extends AwsError {
  constructor(readonly item?: DynamoItem) {
    super('ConditionalCheckFailedException', 'The conditional request failed');
  }
}

type Json = Record<string, unknown>;

const invalid = (message: string) => new AwsError('ValidationException', message);

function record(value: unknown, what: string): Json {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${what} must be a map`);
  return value as Json;
}

function keyOf(table: FakeTable, key: unknown): string {
  const fields = record(key, 'Key');
  const value = fields[table.hashKey] as AttributeValue | undefined;
  if (Object.keys(fields).length !== 1 || !value || !('S' in value) || typeof value.S !== 'string')
    throw invalid('The provided key element does not match the schema');
  return value.S;
}

function updateItem(input: Json, ctx: HandlerContext): Json {
  const table = ctx.region.tables.get(String(input.TableName));
  if (!table) throw new AwsError('ResourceNotFoundException', 'Requested resource not found');
  const key = keyOf(table, input.Key);
  for (const legacy of ['AttributeUpdates', 'Expected', 'ConditionalOperator'])
    if (input[legacy] !== undefined)
      throw invalid(`fake-aws DynamoDB does not implement the legacy ${legacy}`);
  const returnValues = String(input.ReturnValues ?? 'NONE');
  const onFailure = String(input.ReturnValuesOnConditionCheckFailure ?? 'NONE');
  if (!['NONE', 'ALL_OLD', 'ALL_NEW'].includes(returnValues))
    throw invalid(`fake-aws DynamoDB does not implement ReturnValues ${returnValues}`);
  if (!['NONE', 'ALL_OLD'].includes(onFailure))
    throw invalid(
      `1 validation error detected: Value '${onFailure}' at 'returnValuesOnConditionCheckFailure'`,
    );
  if (typeof input.UpdateExpression !== 'string')
    throw invalid('fake-aws DynamoDB needs an UpdateExpression');

  const expressionInput = {
    names: record(input.ExpressionAttributeNames, 'ExpressionAttributeNames') as Record<string, string>,
    values: record(input.ExpressionAttributeValues, 'ExpressionAttributeValues') as Record<
      string,
      AttributeValue
    >,
    used: new Set<string>(),
  };
  const actions = parseUpdate(input.UpdateExpression, expressionInput);
  const condition =
    typeof input.ConditionExpression === 'string'
      ? parseCondition(input.ConditionExpression, expressionInput)
      : undefined;
  const unusedValues = Object.keys(expressionInput.values).filter((k) => !expressionInput.used.has(k));
  if (unusedValues.length > 0)
    throw invalid(
      `Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`,
    );
  const unusedNames = Object.keys(expressionInput.names).filter((k) => !expressionInput.used.has(k));
  if (unusedNames.length > 0)
    throw invalid(
      `Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`,
    );
  if (actions.some((a) => a.name === table.hashKey))
    throw invalid(`Cannot update attribute ${table.hashKey}. This attribute is part of the key`);

  const before = table.items.get(key);
  if (condition && !condition(before))
    throw new ConditionFailed(onFailure === 'ALL_OLD' ? before : undefined);
  const after: DynamoItem = { ...before, [table.hashKey]: { S: key } };
  for (const action of actions) after[action.name] = action.apply(before);
  table.items.set(key, after);
  if (returnValues === 'ALL_NEW') return { Attributes: after };
  if (returnValues === 'ALL_OLD' && before) return { Attributes: before };
  return {};
}

export const dynamoHandlers: Record<string, (input: Json, ctx: HandlerContext) => Json> = {
  UpdateItem: updateItem,
};

/** DynamoDB's JSON 1.0 error body; a failed condition carries the stored item when it was asked for. */
export function dynamoErrorBody(error: AwsError): string {
  return JSON.stringify({
    __type: `com.amazonaws.dynamodb.v20120810#${error.code}`,
    message: error.message,
    ...(error instanceof ConditionFailed && error.item ? { Item: error.item } : {}),
  });
}
