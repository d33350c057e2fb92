import type { Config } from '../config/config.js';
import {
  advanceOpening,
  type Opening,
  type OpeningHistory,
  type StoredOpening,
} from '../core/policy/opening-history.js';
import type { OpeningLogPort } from '../deps.js';
import { callDynamo, DynamoError, type DynamoTarget, dynamoTargetFromEnv } from './dynamodb-json.js';

export const OPENING_LOG_ACTIONS = ['dynamodb:UpdateItem'] as const;

/** Kept a day past the window, then DynamoDB's TTL deletes it (free); correctness never waits for TTL. */
const TTL_SLACK_SECONDS = 86_400;
/** Concurrent openings of one key race on the slow path's conditional write; a few tries settle it. */
const ATTEMPTS = 3;

/**
 * The repeat counter for the guard function, when a table is configured. Only the guard counts
 * (re-openings arrive as CloudTrail calls), so only its bundle carries this adapter.
 */
export function openingLogDeps(config: Config, env: NodeJS.ProcessEnv): { openings?: OpeningLogPort } {
  const table = config.repeat.tableName;
  return table ? { openings: createOpeningLog(dynamoTargetFromEnv(env), table) } : {};
}

type Item = Record<string, { readonly S?: string; readonly N?: string }>;
type Call = (operation: string, input: unknown) => Promise<Record<string, unknown>>;

/**
 * The repeat counter in a DynamoDB table keyed by group and source. One conditional UpdateItem
 * (ADD 1) per opening in the usual cases: a first opening, or the next one within the window. When
 * the condition fails, DynamoDB answers with the stored item, and the rare cases are settled from
 * it: a redelivered event (no write), an expired run that TTL has not deleted yet, or an event
 * delivered late (one more write, conditional on the item being unchanged).
 */
export function createOpeningLog(target: DynamoTarget, tableName: string, call?: Call): OpeningLogPort {
  const send: Call = call ?? ((operation, input) => callDynamo(target, operation, input));
  return {
    async recordOpening(opening) {
      for (let attempt = 1; ; attempt++) {
        const stored = await addInWindow(send, tableName, opening);
        if (stored.status === 'counted') return stored.history;
        const next = advanceOpening(stored.previous, opening);
        if (next === stored.previous) return historyOf(next);
        if (await replace(send, tableName, opening, stored.previous, next)) return historyOf(next);
        if (attempt >= ATTEMPTS) {
          throw new Error(`the opening count of ${opening.key} kept changing under ${ATTEMPTS} attempts`);
        }
      }
    },
  };
}

type Added =
  | { readonly status: 'counted'; readonly history: OpeningHistory }
  | { readonly status: 'settle'; readonly previous: StoredOpening };

async function addInWindow(send: Call, tableName: string, opening: Opening): Promise<Added> {
  const atMs = Date.parse(opening.at);
  try {
    const result = await send('UpdateItem', {
      TableName: tableName,
      Key: { pk: { S: opening.key } },
      UpdateExpression:
        'ADD #count :one SET firstAt = if_not_exists(firstAt, :at), lastAt = :at, lastAtMs = :atMs, lastEventId = :event, windowHours = :window, expiresAt = :expires',
      ConditionExpression:
        'attribute_not_exists(pk) OR (lastEventId <> :event AND lastAtMs <= :atMs AND lastAtMs >= :windowStartMs)',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: {
        ':one': { N: '1' },
        ':at': { S: opening.at },
        ':atMs': { N: String(atMs) },
        ':event': { S: opening.eventId },
        ':window': { N: String(opening.windowHours) },
        ':windowStartMs': { N: String(atMs - opening.windowHours * 3_600_000) },
        ':expires': { N: String(expiresAt(opening)) },
      },
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    return { status: 'counted', history: historyOf(toStored(result.Attributes as Item | undefined)) };
  } catch (error) {
    if (isConditionFailure(error) && error.item)
      return { status: 'settle', previous: toStored(error.item as Item) };
    throw new Error(`could not count an opening in ${tableName}`, { cause: error });
  }
}

/** Writes the settled history only if nobody counted in between (same event, same count). */
async function replace(
  send: Call,
  tableName: string,
  opening: Opening,
  previous: StoredOpening,
  next: StoredOpening,
): Promise<boolean> {
  try {
    await send('UpdateItem', {
      TableName: tableName,
      Key: { pk: { S: opening.key } },
      UpdateExpression:
        'SET #count = :count, firstAt = :first, lastAt = :last, lastAtMs = :lastMs, lastEventId = :event, windowHours = :window, expiresAt = :expires',
      ConditionExpression: 'lastEventId = :previousEvent AND #count = :previousCount',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: {
        ':count': { N: String(next.count) },
        ':first': { S: next.firstAt },
        ':last': { S: next.lastAt },
        ':lastMs': { N: String(Date.parse(next.lastAt)) },
        ':event': { S: next.lastEventId },
        ':window': { N: String(next.windowHours) },
        ':expires': { N: String(expiresAt({ ...opening, at: next.lastAt })) },
        ':previousEvent': { S: previous.lastEventId },
        ':previousCount': { N: String(previous.count) },
      },
    });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw new Error(`could not count an opening in ${tableName}`, { cause: error });
  }
}

const isConditionFailure = (error: unknown): error is DynamoError =>
  error instanceof DynamoError && error.name === 'ConditionalCheckFailedException';

function expiresAt(opening: Pick<Opening, 'at' | 'windowHours'>): number {
  return Math.floor(Date.parse(opening.at) / 1000) + opening.windowHours * 3600 + TTL_SLACK_SECONDS;
}

function toStored(item: Item | undefined): StoredOpening {
  const text = (name: string) => item?.[name]?.S ?? '';
  const number = (name: string) => Number(item?.[name]?.N ?? '0');
  return {
    count: number('count'),
    firstAt: text('firstAt'),
    lastAt: text('lastAt'),
    windowHours: number('windowHours'),
    lastEventId: text('lastEventId'),
  };
}

function historyOf({ lastEventId: _event, ...history }: StoredOpening): OpeningHistory {
  return history;
}
