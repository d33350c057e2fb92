/** SNS query-protocol actions (Publish only), with SNS's own input limits. */
import { randomUUID } from 'node:crypto';
import { AwsError, type HandlerContext } from './common.js';
import type { SnsMessageAttribute } from './state.js';
import { node, type Params, structList, tag } from './xml.js';

export const SNS_VERSION = '2010-03-31';
const SNS_XMLNS = `http://sns.amazonaws.com/doc/${SNS_VERSION}/`;

/** 256 KiB: message body plus attribute names, types and values. */
export const SNS_MAX_BYTES = 262_144;

const invalid = (what: string) => new AwsError('InvalidParameter', `Invalid parameter: ${what}`);

function attributesOf(p: Params): Record<string, SnsMessageAttribute> {
  const entries = structList(p, 'MessageAttributes.entry');
  if (entries.length > 10) {
    throw new AwsError(
      'ParameterValueInvalid',
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [10].`,
    );
  }
  const out: Record<string, SnsMessageAttribute> = {};
  for (const e of entries) {
    const name = e.Name ?? '';
    const DataType = e['Value.DataType'] ?? '';
    if (!/^(String|Number|Binary)(\..+)?$/.test(DataType)) {
      throw new AwsError(
        'ParameterValueInvalid',
        `The message attribute '${name}' has an invalid message attribute type`,
      );
    }
    const StringValue = e['Value.StringValue'];
    const BinaryValue = e['Value.BinaryValue'];
    if (!StringValue && !BinaryValue) {
      throw new AwsError(
        'ParameterValueInvalid',
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${DataType}'.`,
      );
    }
    out[name] = {
      DataType,
      ...(StringValue === undefined ? {} : { StringValue }),
      ...(BinaryValue === undefined ? {} : { BinaryValue }),
    };
  }
  return out;
}

function checkStructure(message: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalid('Message Structure - JSON message body failed to parse');
  }
  const defaultEntry = (parsed as Record<string, unknown> | null)?.default;
  if (typeof defaultEntry !== 'string')
    throw invalid('Message Structure - No default entry in JSON message body');
}

function publish(p: Params, ctx: HandlerContext): string {
  const TopicArn = p.TopicArn ?? p.TargetArn;
  if (!TopicArn) throw invalid('TopicArn or TargetArn Reason: no value for required parameter');
  if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}(\.fifo)?$/.test(TopicArn))
    throw invalid('TopicArn');
  const Message = p.Message ?? '';
  if (Message === '') throw invalid('Empty message');
  const Subject = p.Subject;
  if (Subject !== undefined && (Subject.length > 100 || !/^[\x20-\x7e]+$/.test(Subject)))
    throw invalid('Subject');
  if (p.MessageStructure !== undefined && p.MessageStructure !== 'json') throw invalid('MessageStructure');
  if (p.MessageStructure === 'json') checkStructure(Message);
  const MessageAttributes = attributesOf(p);
  const attrBytes = Object.entries(MessageAttributes).reduce(
    (n, [k, a]) => n + Buffer.byteLength(k + a.DataType + (a.StringValue ?? a.BinaryValue ?? '')),
    0,
  );
  if (Buffer.byteLength(Message) + attrBytes > SNS_MAX_BYTES) throw invalid('Message too long');
  const MessageId = randomUUID();
  ctx.state.published.push({
    MessageId,
    region: ctx.region.name,
    TopicArn,
    Message,
    MessageAttributes,
    ...(Subject === undefined ? {} : { Subject }),
    ...(p.MessageStructure === undefined ? {} : { MessageStructure: p.MessageStructure }),
  });
  return tag('MessageId', MessageId);
}

export const snsHandlers: Record<string, (p: Params, ctx: HandlerContext) => string> = { Publish: publish };

export const snsResponse = (action: string, requestId: string, result: string): string =>
  `<${action}Response xmlns="${SNS_XMLNS}">${node(`${action}Result`, result)}${node('ResponseMetadata', tag('RequestId', requestId))}</${action}Response>`;

export const snsErrorBody = (code: string, message: string, status: number, requestId: string): string =>
  `<ErrorResponse xmlns="${SNS_XMLNS}">${node(
    'Error',
    tag('Type', status >= 500 ? 'Receiver' : 'Sender'),
    tag('Code', code),
    tag('Message', message),
  )}${tag('RequestId', requestId)}</ErrorResponse>`;
