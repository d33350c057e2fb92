/**
 * A CloudTrail call on something the guard depends on, as the tamper judge needs it. Parsed once at
 * the edge (functions/tamper/parse-tamper-event.ts); nothing here knows the EventBridge envelope.
 */
export interface TamperEvent {
  readonly eventId: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly eventTime: string;
  readonly account: string;
  readonly region: string;
  readonly actor: TamperActor;
  /** The call's requestParameters (an empty object when CloudTrail recorded none). */
  readonly request: Readonly<Record<string, unknown>>;
  /** ARNs CloudTrail lists under `resources` (KMS records name the key there, whatever alias was used). */
  readonly resourceArns: readonly string[];
}

export interface TamperActor {
  /** The caller's ARN, or its principal id / identity type when CloudTrail gives no ARN. */
  readonly name: string;
  readonly type: string;
  readonly sourceIp?: string;
  /** The service that made the call on the caller's behalf (cloudformation.amazonaws.com...). */
  readonly invokedBy?: string;
}

/** What the judge knows of the deployed guard. */
export interface GuardIdentity {
  /** ARN of the key that encrypts the findings topic. */
  readonly keyArn: string;
  /** How often the sweep runs, for the reader: what still finds world-open SSH while events are lost. */
  readonly sweepSchedule: string;
}

export type TamperPath = 'trail' | 'key' | 'role' | 'rule' | 'function' | 'topic' | 'bus-policy' | 'stack';

export type TamperVerdict =
  | {
      readonly status: 'alert';
      readonly path: TamperPath;
      /** The resource acted on, by name. */
      readonly target: string;
      /** What was done, in a sentence. */
      readonly what: string;
      /** What the guard can no longer see or do because of it. */
      readonly blindSpot: string;
    }
  | { readonly status: 'harmless'; readonly path: TamperPath; readonly reason: string }
  | { readonly status: 'not-ours'; readonly reason: string };

export const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
