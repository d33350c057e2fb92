import { beforeAll, describe, expect, it } from 'vitest';
import { createOpeningLog, OPENING_LOG_ACTIONS } from '../../functions/adapters/opening-log-adapter.js';
import { roleStatements } from '../support/iam';
import { loadPackagedStack, resourcesOf, SERVICE, STAGE, type Template } from '../support/packaged-stack';

// The repeat counter's table as the stack deploys it, held to what the adapter writes: its key, the
// attribute DynamoDB's TTL deletes by, encryption at rest, and a grant of exactly the adapter's
// actions on exactly this table, to the guard alone.

let template: Template;
let table: [string, Template];
const writes: Record<string, unknown>[] = [];

beforeAll(async () => {
  template = (await loadPackagedStack()).template;
  const tables = resourcesOf(template, 'AWS::DynamoDB::Table');
  expect(tables).toHaveLength(1);
  table = tables[0] as [string, Template];
  // What the adapter sends, recorded instead of sent.
  const log = createOpeningLog(
    {
      region: 'eu-west-1',
      endpoint: 'http://unused',
      credentials: () => ({ accessKeyId: 'a', secretAccessKey: 's' }),
    },
    't',
    async (_op, input) => {
      writes.push(input as Record<string, unknown>);
      return { Attributes: {} };
    },
  );
  await log.recordOpening({ key: 'k', eventId: 'e', at: '2026-11-21T09:00:00Z', windowHours: 24 });
}, 60_000);

const functionsWithEnv = (name: string) =>
  resourcesOf(template, 'AWS::Lambda::Function')
    .filter(([, fn]) => fn.Properties.Environment?.Variables?.[name] !== undefined)
    .map(([, fn]) => String(fn.Properties.FunctionName).replace(`${SERVICE}-${STAGE}-`, ''));

describe('the repeat counter’s table', () => {
  it('is keyed by the string attribute the adapter writes its key to, billed per request', () => {
    const [, { Properties }] = table;
    expect(Properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(Properties.AttributeDefinitions).toEqual([{ AttributeName: 'pk', AttributeType: 'S' }]);
    expect(Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(writes[0]).toMatchObject({ Key: { pk: { S: 'k' } } });
  });

  it('expires items by the attribute the adapter sets, in epoch seconds', () => {
    const [, { Properties }] = table;
    expect(Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(writes[0]?.UpdateExpression).toContain('expiresAt = :expires');
    const values = writes[0]?.ExpressionAttributeValues as Record<string, { N: string }> | undefined;
    const expires = Number(values?.[':expires']?.N);
    expect(expires).toBe(Date.parse('2026-11-21T09:00:00Z') / 1000 + 24 * 3600 + 86_400);
  });

  it('is encrypted at rest with KMS', () => {
    expect(table[1].Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
  });

  it('is granted to the guard alone, for exactly the adapter’s actions, on this table only', () => {
    const [tableId] = table;
    const onTable = resourcesOf(template, 'AWS::IAM::Role').flatMap(([roleId]) =>
      roleStatements(template, roleId)
        .filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')))
        .map((s) => ({ roleId, actions: s.actions, resources: s.resources })),
    );
    expect(onTable).toEqual([
      {
        roleId: 'GuardRole',
        actions: [...OPENING_LOG_ACTIONS],
        resources: [{ 'Fn::GetAtt': [tableId, 'Arn'] }],
      },
    ]);
    expect(functionsWithEnv('REPEAT_TABLE')).toEqual(['guard']);
    expect(functionsWithEnv('REPEAT_WINDOW_HOURS')).toEqual(['guard']);
  });
});
