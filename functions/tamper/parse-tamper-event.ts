import { type TamperEvent, text } from '../core/policy/tamper/tamper-event.js';
import { describeValue } from '../parse/json.js';

type Json = Record<string, unknown>;
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

const object = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

/** The CloudTrail record inside an EventBridge "AWS API Call via CloudTrail" event, parsed once. */
export function parseTamperEvent(event: unknown): Parsed<TamperEvent> {
  const envelope = object(event);
  const detail = object(envelope?.detail);
  if (!envelope || !detail || envelope['detail-type'] !== 'AWS API Call via CloudTrail')
    return { ok: false, error: 'not a CloudTrail API call event' };
  const eventName = text(detail.eventName);
  const eventSource = text(detail.eventSource);
  if (!eventName || !eventSource)
    return { ok: false, error: 'CloudTrail record without eventName or eventSource' };
  if (detail.errorCode !== undefined)
    return { ok: false, error: `the call failed (${describeValue(detail.errorCode)})` };
  const identity = object(detail.userIdentity) ?? {};
  const issuer = object(object(identity.sessionContext)?.sessionIssuer);
  const resources = Array.isArray(detail.resources) ? detail.resources : [];
  return {
    ok: true,
    value: {
      eventId: text(detail.eventID) ?? text(envelope.id) ?? 'unknown',
      eventName,
      eventSource,
      eventTime: text(detail.eventTime) ?? text(envelope.time) ?? '',
      account: text(envelope.account) ?? text(detail.recipientAccountId) ?? 'unknown',
      region: text(detail.awsRegion) ?? text(envelope.region) ?? 'unknown',
      actor: {
        name:
          text(identity.arn) ??
          text(issuer?.arn) ??
          text(identity.principalId) ??
          text(identity.type) ??
          'unknown principal',
        type: text(identity.type) ?? 'unknown',
        ...(text(detail.sourceIPAddress) ? { sourceIp: text(detail.sourceIPAddress) } : {}),
        ...(text(identity.invokedBy) ? { invokedBy: text(identity.invokedBy) } : {}),
      },
      request: object(detail.requestParameters) ?? {},
      resourceArns: resources.flatMap((r) => {
        const arn = text(object(r)?.ARN) ?? text(object(r)?.arn);
        return arn ? [arn] : [];
      }),
    },
  };
}
