import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  callDynamo,
  type DynamoError,
  dynamoTargetFromEnv,
} from '../../../functions/adapters/dynamodb-json.js';
import { type FakeAws, startFakeAws } from './index.js';

// The loopback DynamoDB answers the adapter's signed JSON 1.0 calls as DynamoDB does for what the
// repeat counter uses, and refuses loudly whatever it does not implement.

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws();
});
beforeEach(() => {
  fake.reset();
  fake.state.region('eu-west-1').addTable('openings');
});
afterAll(() => fake.close());

const call = (input: Record<string, unknown>, operation = 'UpdateItem', region = 'eu-west-1') =>
  callDynamo(dynamoTargetFromEnv({ ...fake.env(), AWS_REGION: region }), operation, {
    TableName: 'openings',
    Key: { pk: { S: 'k' } },
    ...input,
  });

async function refusal(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; item?: unknown }> {
  try {
    await promise;
  } catch (error) {
    const { name, message, item } = error as DynamoError;
    return { name, message, ...(item ? { item } : {}) };
  }
  throw new Error('the call was not refused');
}

const counting = {
  UpdateExpression: 'ADD #count :one SET firstAt = if_not_exists(firstAt, :at), lastAt = :at',
  ConditionExpression: 'attribute_not_exists(pk) OR (lastAt <> :at AND #count < :max)',
  ExpressionAttributeNames: { '#count': 'count' },
  ReturnValues: 'ALL_NEW',
  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
};
const at = (time: string) => ({
  ExpressionAttributeValues: { ':one': { N: '1' }, ':at': { S: time }, ':max': { N: '3' } },
});

describe('fake-aws DynamoDB (JSON 1.0 UpdateItem)', () => {
  it('creates the item on the first update and adds to it on the next, answering ALL_NEW', async () => {
    expect(await call({ ...counting, ...at('t1') })).toEqual({
      Attributes: { pk: { S: 'k' }, count: { N: '1' }, firstAt: { S: 't1' }, lastAt: { S: 't1' } },
    });
    expect(await call({ ...counting, ...at('t2') })).toEqual({
      Attributes: { pk: { S: 'k' }, count: { N: '2' }, firstAt: { S: 't1' }, lastAt: { S: 't2' } },
    });
  });

  it('answers a false condition with ConditionalCheckFailedException and the stored item (ALL_OLD)', async () => {
    await call({ ...counting, ...at('t1') });
    expect(await refusal(call({ ...counting, ...at('t1') }))).toEqual({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      item: { pk: { S: 'k' }, count: { N: '1' }, firstAt: { S: 't1' }, lastAt: { S: 't1' } },
    });
    const { ReturnValuesOnConditionCheckFailure: _, ...withoutOld } = counting;
    expect(await refusal(call({ ...withoutOld, ...at('t1') }))).toEqual({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
    });
    expect(fake.state.region('eu-west-1').tables.get('openings')?.items.get('k')?.count).toEqual({ N: '1' });
  });

  it.each<[string, string, string]>([
    ['=', 'N', 'true'],
    ['<>', 'N', 'false'],
    ['<', 'N', 'false'],
    ['<=', 'N', 'true'],
    ['>=', 'N', 'true'],
    ['>', 'N', 'false'],
    ['=', 'S', 'false'],
    ['<>', 'S', 'true'],
  ])('compares a stored number 10 %s a %s 10 as %s', async (op, type, holds) => {
    fake.state
      .region('eu-west-1')
      .tables.get('openings')
      ?.items.set('k', { pk: { S: 'k' }, n: { N: '10' } });
    const write = call({
      UpdateExpression: 'SET seen = :yes',
      ConditionExpression: `n ${op} :ten`,
      ExpressionAttributeValues: { ':yes': { S: 'yes' }, ':ten': type === 'N' ? { N: '10.0' } : { S: '10' } },
    });
    if (holds === 'true') expect(await write).toEqual({});
    else expect((await refusal(write)).name).toBe('ConditionalCheckFailedException');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a REMOVE clause', { UpdateExpression: 'REMOVE lastAt' }, 'does not implement the REMOVE clause'],
    [
      'list_append',
      { UpdateExpression: 'SET l = list_append(l, :v)', ExpressionAttributeValues: { ':v': { N: '1' } } },
      'does not implement SET from list_append',
    ],
    [
      'arithmetic',
      {
        UpdateExpression: 'SET n = :a + :b',
        ExpressionAttributeValues: { ':a': { N: '1' }, ':b': { N: '1' } },
      },
      'does not implement arithmetic in SET',
    ],
    [
      'begins_with',
      {
        UpdateExpression: 'SET n = :a',
        ConditionExpression: 'begins_with(pk, :a)',
        ExpressionAttributeValues: { ':a': { S: 'k' } },
      },
      'does not implement the function begins_with',
    ],
    [
      'a nested path',
      { UpdateExpression: 'SET a.b = :a', ExpressionAttributeValues: { ':a': { N: '1' } } },
      'does not implement nested attribute paths',
    ],
    [
      'a list value',
      { UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { L: [] } } },
      'does not implement attribute types other than S and N',
    ],
    [
      'ReturnValues UPDATED_NEW',
      {
        UpdateExpression: 'SET a = :a',
        ExpressionAttributeValues: { ':a': { N: '1' } },
        ReturnValues: 'UPDATED_NEW',
      },
      'does not implement ReturnValues UPDATED_NEW',
    ],
    [
      'a value no expression uses',
      { UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { N: '1' }, ':b': { N: '2' } } },
      'unused in expressions: keys: {:b}',
    ],
    [
      'an undefined name',
      { UpdateExpression: 'SET #a = :a', ExpressionAttributeValues: { ':a': { N: '1' } } },
      'attribute name: #a',
    ],
    [
      'a reserved word',
      { UpdateExpression: 'ADD count :a', ExpressionAttributeValues: { ':a': { N: '1' } } },
      'reserved keyword: count',
    ],
    [
      'a key of the wrong shape',
      {
        Key: { id: { S: 'k' } },
        UpdateExpression: 'SET a = :a',
        ExpressionAttributeValues: { ':a': { N: '1' } },
      },
      'does not match the schema',
    ],
    [
      'an update of the key',
      { UpdateExpression: 'SET pk = :a', ExpressionAttributeValues: { ':a': { S: 'x' } } },
      'part of the key',
    ],
  ])('refuses %s with a ValidationException that says so', async (_name, input, says) => {
    const refused = await refusal(call(input));
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toContain(says);
  });

  it('refuses an operation it does not implement, and a table that does not exist in the signed region', async () => {
    expect(await refusal(call({}, 'PutItem'))).toMatchObject({ name: 'UnknownOperationException' });
    const elsewhere = call(
      { UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { N: '1' } } },
      'UpdateItem',
      'us-east-1',
    );
    expect(await refusal(elsewhere)).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('records each call as DynamoDB with its operation, region and input', async () => {
    await call({ ...counting, ...at('t1') });
    expect(fake.calls).toMatchObject([
      {
        service: 'dynamodb',
        action: 'UpdateItem',
        region: 'eu-west-1',
        status: 200,
        params: { TableName: 'openings' },
      },
    ]);
  });

  it('throttles on request, as DynamoDB answers a burst', async () => {
    fake.faults.add({ kind: 'throttle', service: 'dynamodb' });
    expect(await refusal(call({ ...counting, ...at('t1') }))).toMatchObject({ name: 'ThrottlingException' });
    expect(fake.count('UpdateItem', 'dynamodb')).toBe(3);
  });
});
