import { GUARDED_STATES } from '../core/model/emr-cluster.js';
import { ok } from '../parse/json.js';
import { parseRunJobFlowWork, parseStateChangeWork } from './emr.js';
import { parsePrefixListWork } from './prefix-list-event.js';
import { parseAuthorizeWork, parseModifyWork } from './security-group-event.js';
import type { Receiver, TriggerParser } from './work.js';

/** What EventBridge delivers for a CloudTrail management event on the default bus. */
export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

/**
 * How a trigger is recognised. A CloudTrail call is named by its record (`eventSource`, `eventName`),
 * whatever envelope carried it; other events by their envelope (`source`, `detail-type`).
 */
export type TriggerMatch =
  | {
      readonly kind: 'cloudtrail';
      readonly eventSource: string;
      readonly eventName: string;
      /** The `source` EventBridge gives the call on the default bus, for the deployed pattern. */
      readonly busSource: string;
    }
  | { readonly kind: 'emr-state' | 'schedule'; readonly source: string; readonly detailType: string };

export interface TriggerSpec<R extends Receiver = Receiver> {
  /** The trigger's name, as events/manifest.json's `trigger` field names its samples. */
  readonly id: string;
  readonly receiver: R;
  readonly match: TriggerMatch;
  /**
   * The part of the EventBridge pattern this trigger adds, under its key in infra/event-patterns.json
   * (fragments under one key merge into one rule). None for the schedule, which is a rate, not a pattern.
   */
  readonly pattern?: { readonly key: string; readonly fragment: Readonly<Record<string, unknown>> };
  readonly parse: TriggerParser<R>;
}

export type AnyTrigger = { readonly [R in Receiver]: TriggerSpec<R> }[Receiver];
export type TriggerRegistry = readonly AnyTrigger[];

/** A CloudTrail call as a trigger; its pattern fragment follows from the call and drops failed calls. */
export function cloudTrailTrigger<R extends Receiver>(spec: {
  readonly id: string;
  readonly receiver: R;
  readonly busSource: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly patternKey: string;
  readonly parse: TriggerParser<R>;
}): TriggerSpec<R> {
  const { id, receiver, busSource, eventSource, eventName, patternKey, parse } = spec;
  return {
    id,
    receiver,
    match: { kind: 'cloudtrail', eventSource, eventName, busSource },
    pattern: {
      key: patternKey,
      fragment: {
        source: [busSource],
        'detail-type': [CLOUDTRAIL_DETAIL_TYPE],
        detail: { eventSource: [eventSource], eventName: [eventName], errorCode: [{ exists: false }] },
      },
    },
    parse,
  };
}

const ec2Call = (id: string, eventName: string, parse: TriggerParser<'guard'>) =>
  cloudTrailTrigger({
    id,
    receiver: 'guard',
    busSource: 'aws.ec2',
    eventSource: 'ec2.amazonaws.com',
    eventName,
    patternKey: 'securityGroupEvents',
    parse,
  });

/**
 * Every event a function of this stack acts on. The router reads it, infra/event-patterns.json is
 * generated from it (`npm run gen:forwarder`), and so are the regional forwarders.
 */
export const TRIGGERS: TriggerRegistry = [
  ec2Call('authorize', 'AuthorizeSecurityGroupIngress', parseAuthorizeWork),
  ec2Call('modify', 'ModifySecurityGroupRules', parseModifyWork),
  ec2Call('prefix-list', 'ModifyManagedPrefixList', parsePrefixListWork),
  cloudTrailTrigger({
    id: 'emr-runjobflow',
    receiver: 'emrGuard',
    busSource: 'aws.elasticmapreduce',
    eventSource: 'elasticmapreduce.amazonaws.com',
    eventName: 'RunJobFlow',
    patternKey: 'emrRunJobFlow',
    parse: parseRunJobFlowWork,
  }),
  {
    id: 'emr-state',
    receiver: 'emrGuard',
    match: { kind: 'emr-state', source: 'aws.emr', detailType: 'EMR Cluster State Change' },
    pattern: {
      key: 'emrClusterState',
      fragment: {
        source: ['aws.emr'],
        'detail-type': ['EMR Cluster State Change'],
        detail: { state: [...GUARDED_STATES] },
      },
    },
    parse: parseStateChangeWork,
  },
  {
    id: 'schedule',
    receiver: 'sweep',
    match: { kind: 'schedule', source: 'aws.events', detailType: 'Scheduled Event' },
    parse: () => ok({ kind: 'sweep' }),
  },
];
