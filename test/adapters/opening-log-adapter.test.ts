import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoError } from '../../functions/adapters/dynamodb-json.js';
import { createOpeningLog } from '../../functions/adapters/opening-log-adapter.js';

const TABLE = 'ssh-ingress-guard-prod-openings';
const KEY = '123456789012/eu-west-1/sg-0a1b2c3d4e5f60001/0.0.0.0/0';

type Answer = Record<string, unknown> | Error;
/** DynamoDB as the adapter sees it: each call answered in turn, the last answer repeating. */
const dynamo = {
  answers: [] as Answer[],
  inputs: [] as Record<string, unknown>[],
  async call(operation: string, input: unknown) {
    expect(operation).toBe('UpdateItem');
    this.inputs.push(input as Record<string, unknown>);
    const answer = this.answers.length > 1 ? this.answers.shift() : this.answers[0];
    if (answer instanceof Error) throw answer;
    return answer ?? {};
  },
};
const TARGET = {
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:1',
  credentials: () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
};
const log = () => createOpeningLog(TARGET, TABLE, (op, input) => dynamo.call(op, input));
const opening = (eventId: string, at: string) => ({ key: KEY, eventId, at, windowHours: 24 });

const item = (count: number, firstAt: string, lastAt: string, lastEventId: string) => ({
  pk: { S: KEY },
  count: { N: String(count) },
  firstAt: { S: firstAt },
  lastAt: { S: lastAt },
  lastAtMs: { N: String(Date.parse(lastAt)) },
  lastEventId: { S: lastEventId },
  windowHours: { N: '24' },
});

/** What DynamoDB answers when the condition fails, with the item ReturnValuesOnConditionCheckFailure asks for. */
const conditionFailed = (stored?: ReturnType<typeof item>) =>
  new DynamoError('ConditionalCheckFailedException', 'The conditional request failed', 400, stored);

beforeEach(() => {
  dynamo.answers = [];
  dynamo.inputs = [];
});

describe('flip-flop with infrastructure as code: the DynamoDB repeat counter', () => {
  it('counts a first or in-window opening with one conditional UpdateItem ADD', async () => {
    dynamo.answers.push({ Attributes: item(2, '2026-11-21T01:00:00Z', '2026-11-21T09:00:00Z', 'ev-2') });
    const history = await log().recordOpening(opening('ev-2', '2026-11-21T09:00:00Z'));
    expect(history).toEqual({
      count: 2,
      firstAt: '2026-11-21T01:00:00Z',
      lastAt: '2026-11-21T09:00:00Z',
      windowHours: 24,
    });
    const [input, ...more] = dynamo.inputs;
    expect(more).toEqual([]);
    const at = Date.parse('2026-11-21T09:00:00Z');
    expect(input).toMatchObject({
      TableName: TABLE,
      Key: { pk: { S: KEY } },
      UpdateExpression: expect.stringMatching(/^ADD #count :one SET firstAt = if_not_exists\(firstAt, :at\)/),
      ConditionExpression:
        'attribute_not_exists(pk) OR (lastEventId <> :event AND lastAtMs <= :atMs AND lastAtMs >= :windowStartMs)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      ExpressionAttributeValues: {
        ':event': { S: 'ev-2' },
        ':windowStartMs': { N: String(at - 24 * 3_600_000) },
        ':expires': { N: String(at / 1000 + 24 * 3600 + 86_400) },
      },
    });
  });

  it('writes nothing more for a redelivered event', async () => {
    dynamo.answers.push(conditionFailed(item(2, '2026-11-21T01:00:00Z', '2026-11-21T09:00:00Z', 'ev-2')));
    expect(await log().recordOpening(opening('ev-2', '2026-11-21T09:00:00Z'))).toMatchObject({ count: 2 });
    expect(dynamo.inputs).toHaveLength(1);
  });

  it('starts a new run over an expired one that TTL has not deleted yet', async () => {
    dynamo.answers.push(
      conditionFailed(item(5, '2026-11-18T01:00:00Z', '2026-11-19T01:00:00Z', 'ev-old')),
      {},
    );
    expect(await log().recordOpening(opening('ev-new', '2026-11-21T09:00:00Z'))).toEqual({
      count: 1,
      firstAt: '2026-11-21T09:00:00Z',
      lastAt: '2026-11-21T09:00:00Z',
      windowHours: 24,
    });
    expect(dynamo.inputs[1]).toMatchObject({
      ConditionExpression: 'lastEventId = :previousEvent AND #count = :previousCount',
      ExpressionAttributeValues: {
        ':count': { N: '1' },
        ':previousEvent': { S: 'ev-old' },
        ':previousCount': { N: '5' },
      },
    });
  });

  it('counts an event delivered late without moving the last opening back', async () => {
    dynamo.answers.push(conditionFailed(item(2, '2026-11-21T05:00:00Z', '2026-11-21T09:00:00Z', 'ev-9')), {});
    expect(await log().recordOpening(opening('ev-3', '2026-11-21T03:00:00Z'))).toEqual({
      count: 3,
      firstAt: '2026-11-21T03:00:00Z',
      lastAt: '2026-11-21T09:00:00Z',
      windowHours: 24,
    });
  });

  it('tries again when another opening was counted in between', async () => {
    dynamo.answers.push(
      conditionFailed(item(5, '2026-11-18T01:00:00Z', '2026-11-19T01:00:00Z', 'ev-old')),
      conditionFailed(),
      { Attributes: item(2, '2026-11-21T08:00:00Z', '2026-11-21T09:00:00Z', 'ev-new') },
    );
    expect(await log().recordOpening(opening('ev-new', '2026-11-21T09:00:00Z'))).toMatchObject({ count: 2 });
    expect(dynamo.inputs).toHaveLength(3);
  });

  it('throws with the cause when DynamoDB fails otherwise, so the pipeline can say so', async () => {
    dynamo.answers.push(new DynamoError('AccessDeniedException', 'denied', 400));
    await expect(log().recordOpening(opening('ev-1', '2026-11-21T09:00:00Z'))).rejects.toMatchObject({
      message: `could not count an opening in ${TABLE}`,
      cause: { name: 'AccessDeniedException' },
    });
  });
});
