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
 * needs; where the envelope lacks a field, the CloudTrail record inside may hold it.
 */
export function readEnvelope(input: unknown): ReadEvent {
  if (!isObject(input)) return { ok: false, reason: 'event is not a JSON object' };
  const detail = obj(input.detail);
  const envelope: Envelope = {
    id: str(input.id) ?? '',
    source: str(input.source) ?? '',
    detailType: str(input['detail-type']) ?? '',
    account: str(input.account) ?? str(detail?.recipientAccountId) ?? '',
    region: str(input.region) ?? str(detail?.awsRegion) ?? '',
    time: str(input.time) ?? str(detail?.eventTime) ?? '',
  };
  return { ok: true, envelope, detail };
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
