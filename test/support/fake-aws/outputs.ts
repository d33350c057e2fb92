/**
 * EventBridge PutEvents (JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`) and Security Hub
 * BatchImportFindings (REST JSON, `POST /findings/import`), with the limits the services enforce:
 * 1-10 entries and 256 KB per PutEvents call, 1-100 findings per import, the required members of a
 * finding. Invalid entries and findings are reported per item, as the services do, not as errors.
 */
import { randomUUID } from 'node:crypto';
import { AwsError, type HandlerContext } from './common.js';

export const EVENTS_TARGET_PREFIX = 'AWSEvents.';
export const SECURITY_HUB_IMPORT_PATH = '/findings/import';

type Json = Record<string, unknown>;

const bytes = (text: unknown) => Buffer.byteLength(typeof text === 'string' ? text : '', 'utf8');

function putEvents(input: Json, ctx: HandlerContext): Json {
  const entries = input.Entries;
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
    throw new AwsError('ValidationException', 'Entries must hold 1 to 10 entries');
  }
  const total = (entries as Json[]).reduce(
    (n, e) => n + 14 + bytes(e.Source) + bytes(e.DetailType) + bytes(e.Detail),
    0,
  );
  if (total > 256 * 1024)
    throw new AwsError('ValidationException', 'Total size of the entries in the request is over the limit.');
  const results = (entries as Json[]).map((e) => {
    let detailIsObject = false;
    try {
      const parsed = JSON.parse(String(e.Detail));
      detailIsObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    } catch {}
    if (typeof e.Source !== 'string' || typeof e.DetailType !== 'string' || !detailIsObject) {
      return {
        ErrorCode: 'MalformedDetail',
        ErrorMessage: 'Detail, Source and DetailType are required; Detail is a JSON object',
      };
    }
    const EventId = randomUUID();
    ctx.state.events.push({
      EventId,
      region: ctx.region.name,
      EventBusName: typeof e.EventBusName === 'string' ? e.EventBusName : 'default',
      Source: e.Source,
      DetailType: e.DetailType,
      Detail: String(e.Detail),
      ...(e.Time === undefined ? {} : { Time: e.Time as string | number }),
    });
    return { EventId };
  });
  return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
}

const REQUIRED = [
  'SchemaVersion',
  'Id',
  'ProductArn',
  'GeneratorId',
  'AwsAccountId',
  'CreatedAt',
  'UpdatedAt',
  'Title',
  'Description',
  'Resources',
];

function batchImportFindings(input: Json, ctx: HandlerContext): Json {
  const findings = input.Findings;
  if (!Array.isArray(findings) || findings.length < 1 || findings.length > 100) {
    throw new AwsError('InvalidInputException', 'Findings must hold 1 to 100 findings');
  }
  const failed: Json[] = [];
  for (const finding of findings as Json[]) {
    const missing = REQUIRED.filter((k) => finding[k] === undefined);
    if (missing.length > 0) {
      failed.push({
        Id: finding.Id ?? '',
        ErrorCode: 'InvalidInput',
        ErrorMessage: `missing ${missing.join(', ')}`,
      });
      continue;
    }
    const key = `${String(finding.ProductArn)} ${String(finding.Id)}`;
    const before = ctx.state.securityHubFindings.get(key);
    ctx.state.securityHubFindings.set(key, {
      region: ctx.region.name,
      imports: (before?.imports ?? 0) + 1,
      finding,
    });
  }
  return {
    FailedCount: failed.length,
    SuccessCount: findings.length - failed.length,
    FailedFindings: failed,
  };
}

export const eventsHandlers: Record<string, (input: Json, ctx: HandlerContext) => Json> = {
  PutEvents: putEvents,
};
export const securityHubHandlers: Record<string, (input: Json, ctx: HandlerContext) => Json> = {
  BatchImportFindings: batchImportFindings,
};

export const jsonErrorBody = (code: string, message: string): string =>
  JSON.stringify({ __type: code, Code: code, Message: message, message });
