import { isObject, type Json, obj, str } from './json.js';

/** The events this function is built for, recognised from the EventBridge envelope only. */
export type GuardEvent =
  | {
      readonly kind: 'cloudtrail';
      readonly envelope: Envelope;
      readonly eventName: string;
      readonly record: Json;
    }
  | {
      readonly kind: 'cloudtrail-error';
      readonly envelope: Envelope;
      readonly eventName: string;
      readonly errorCode: string;
    }
  | { readonly kind: 'emr-state'; readonly envelope: Envelope; readonly detail: Json }
  | { readonly kind: 'schedule'; readonly envelope: Envelope }
  | { readonly kind: 'foreign'; readonly reason: string; readonly id?: string };

export interface Envelope {
  readonly id: string;
  readonly source: string;
  readonly detailType: string;
  readonly account: string;
  readonly region: string;
  readonly time: string;
}

export const HANDLED_CLOUDTRAIL_EVENTS: Readonly<Record<string, readonly string[]>> = {
  'aws.ec2': ['AuthorizeSecurityGroupIngress', 'ModifySecurityGroupRules', 'ModifyManagedPrefixList'],
  'aws.elasticmapreduce': ['RunJobFlow'],
};

/**
 * Reads just enough of the envelope to route: values are not validated more strictly than routing
 * needs, because EventBridge, forwarders and test tools differ in small ways.
 */
export function classifyEvent(input: unknown): GuardEvent {
  if (!isObject(input)) return { kind: 'foreign', reason: 'event is not a JSON object' };
  const id = str(input.id) ?? '';
  const source = str(input.source) ?? '';
  const detailType = str(input['detail-type']) ?? '';
  const detail = obj(input.detail);
  const envelope: Envelope = {
    id,
    source,
    detailType,
    account: str(input.account) ?? str(detail?.recipientAccountId) ?? '',
    region: str(input.region) ?? str(detail?.awsRegion) ?? '',
    time: str(input.time) ?? str(detail?.eventTime) ?? '',
  };
  if (detailType === 'AWS API Call via CloudTrail' && detail) {
    const eventName = str(detail.eventName) ?? '';
    // hasOwn: a source such as "toString" must not reach Object.prototype (fuzzing found it).
    const names = Object.hasOwn(HANDLED_CLOUDTRAIL_EVENTS, source) ? HANDLED_CLOUDTRAIL_EVENTS[source] : [];
    if (!names?.includes(eventName)) {
      return { kind: 'foreign', reason: `unhandled CloudTrail event ${source}/${eventName || '?'}`, id };
    }
    const errorCode = str(detail.errorCode);
    if (errorCode) return { kind: 'cloudtrail-error', envelope, eventName, errorCode };
    return { kind: 'cloudtrail', envelope, eventName, record: detail };
  }
  if (source === 'aws.emr' && detailType === 'EMR Cluster State Change' && detail) {
    return { kind: 'emr-state', envelope, detail };
  }
  if (source === 'aws.events' && detailType === 'Scheduled Event') return { kind: 'schedule', envelope };
  return { kind: 'foreign', reason: `unhandled event ${source || '?'}/${detailType || '?'}`, id };
}
