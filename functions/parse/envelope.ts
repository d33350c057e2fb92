import { isObject, type Json, obj, str } from './json.js';

/** The EventBridge envelope, read tolerantly: EventBridge, forwarders and test tools differ in small ways. */
export interface Envelope {
  readonly id: string;
  readonly source: string;
  readonly detailType: string;
  readonly account: string;
  readonly region: string;
  readonly time: string;
}

/** An event this function can look into: its envelope and its detail (empty when there is none). */
export type ReadEvent =
  | { readonly ok: true; readonly envelope: Envelope; readonly detail: Json | undefined }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads just enough of the envelope to route. Values are not validated more strictly than routing
 * needs; where the envelope lacks a field, the CloudTrail record inside may hold it. A relay that
 * forwards the whole EventBridge event as its own detail is unwrapped once (see `unwrapRelayed`).
 */
export function readEnvelope(input: unknown): ReadEvent {
  if (!isObject(input)) return { ok: false, reason: 'event is not a JSON object' };
  const event = unwrapRelayed(input);
  const detail = obj(event.detail);
  const envelope: Envelope = {
    id: str(event.id) ?? str(input.id) ?? '',
    source: str(event.source) ?? '',
    detailType: str(event['detail-type']) ?? '',
    account: str(event.account) ?? str(detail?.recipientAccountId) ?? '',
    region: str(event.region) ?? str(detail?.awsRegion) ?? '',
    time: str(event.time) ?? str(input.time) ?? str(detail?.eventTime) ?? '',
  };
  return { ok: true, envelope, detail };
}

/**
 * Some relays (a bus-to-bus forwarder, an SQS consumer re-publishing with PutEvents) put the whole
 * EventBridge event they received into the detail of their own. When the detail is not a CloudTrail
 * record but an EventBridge event whose detail is one, that inner event is the one to route: its
 * envelope is EventBridge's own, and its record says which call this was and where. Exactly one
 * level: a detail wrapped twice, or an inner event that carries no CloudTrail record, is left as
 * it is (and so ignored), never searched for something that looks like a call.
 */
function unwrapRelayed(event: Json): Json {
  const detail = obj(event.detail);
  if (!detail || cloudTrailCallOf(detail)) return event;
  const inner = obj(detail.detail);
  const isEventBridgeEvent = str(detail['detail-type']) !== undefined || str(detail.source) !== undefined;
  return isEventBridgeEvent && cloudTrailCallOf(inner) ? detail : event;
}

/**
 * The CloudTrail call a detail records, named by the record itself. Buses and replay tools that
 * re-publish CloudTrail events give the envelope their own `source` and `detail-type` (PutEvents
 * refuses `aws.*` sources), so the envelope cannot say which call this is; the record always can.
 */
export function cloudTrailCallOf(
  detail: Json | undefined,
): { readonly eventSource: string; readonly eventName: string } | undefined {
  const eventSource = str(detail?.eventSource);
  const eventName = str(detail?.eventName);
  return eventSource && eventName ? { eventSource, eventName } : undefined;
}
