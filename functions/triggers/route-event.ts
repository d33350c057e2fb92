import type { Trigger } from '../core/model/trigger.js';
import { cloudTrailCallOf, readEnvelope } from '../parse/envelope.js';
import type { Json } from '../parse/json.js';
import { str } from '../parse/json.js';
import { toCloudTrailTrigger, toEnvelopeTrigger } from '../parse/trigger.js';
import { type AnyTrigger, TRIGGERS, type TriggerRegistry, type TriggerSpec } from './registry.js';
import type { Ignore, Receiver, WorkOf } from './work.js';

/** What the router makes of an event for one function: not its event, a failed call, unreadable, or work. */
export type Route<W> =
  | { readonly kind: 'ignored'; readonly reason: string; readonly eventId?: string }
  | { readonly kind: 'skipped'; readonly reason: string; readonly eventId: string }
  | { readonly kind: 'unparsed'; readonly trigger: Trigger; readonly reason: string }
  /** About another account than the function's: never acted on (see other-account.ts). */
  | { readonly kind: 'other-account'; readonly trigger: Trigger; readonly ownAccount: string }
  | { readonly kind: 'work'; readonly trigger: Trigger; readonly triggerId: string; readonly work: W };

export type Unrouted = Exclude<Route<unknown>, { kind: 'work' }>;

/** What the function knows of itself: its account, from the Lambda context (unknown outside Lambda). */
export interface Home {
  readonly account?: string;
}

/**
 * The one router of every function: finds the event's trigger in the registry, and hands its
 * detail to the trigger's parser when the trigger is this receiver's and the event is about the
 * function's own account. The registry is a parameter so a test can add a trigger without touching
 * the real list.
 */
export function routeEvent<R extends Receiver>(
  event: unknown,
  receiver: R,
  registry: TriggerRegistry = TRIGGERS,
  home: Home = {},
): Route<WorkOf[R]> {
  const read = readEnvelope(event);
  if (!read.ok) return { kind: 'ignored', reason: read.reason };
  const { envelope, detail } = read;
  const eventId = envelope.id ? { eventId: envelope.id } : {};
  const call = cloudTrailCallOf(detail);
  const trigger = findTrigger(registry, call, envelope);
  if (!trigger) {
    // The envelope's source reads best when it is EventBridge's own (aws.ec2); a re-published event has only the record's.
    const reason = call
      ? `unhandled CloudTrail event ${envelope.source || call.eventSource}/${call.eventName}`
      : `unhandled event ${envelope.source || '?'}/${envelope.detailType || '?'}`;
    return { kind: 'ignored', reason, ...eventId };
  }
  const errorCode = call ? str(detail?.errorCode) : undefined;
  // A failed call changed nothing, whichever function received it.
  if (errorCode) return { kind: 'skipped', reason: `call failed with ${errorCode}`, eventId: envelope.id };
  const spec = specFor(trigger, receiver);
  if (!spec) {
    return {
      kind: 'ignored',
      reason: `${nameOf(trigger)} is handled by the ${trigger.receiver} function`,
      ...eventId,
    };
  }
  const record: Json = detail ?? {};
  const named =
    trigger.match.kind === 'cloudtrail'
      ? toCloudTrailTrigger(envelope, record)
      : toEnvelopeTrigger(envelope, trigger.match.kind, trigger.match.detailType);
  // An event that names no account, or another, is not acted on blindly; the record decides, as for the region.
  if (home.account && named.account !== home.account)
    return { kind: 'other-account', trigger: named, ownAccount: home.account };
  const parsed = spec.parse(record);
  if (!parsed.ok) return { kind: 'unparsed', trigger: named, reason: parsed.error };
  if (isIgnore(parsed.value)) return { kind: 'ignored', reason: parsed.value.reason, eventId: named.eventId };
  return { kind: 'work', trigger: named, triggerId: trigger.id, work: parsed.value };
}

/**
 * The function the registry gives an event to, by its CloudTrail record when it carries one: what a
 * relay that re-publishes events must deliver it to (the demo shows re-published samples this way).
 */
export function receiverOf(event: unknown, registry: TriggerRegistry = TRIGGERS): Receiver | undefined {
  const read = readEnvelope(event);
  if (!read.ok) return undefined;
  return findTrigger(registry, cloudTrailCallOf(read.detail), read.envelope)?.receiver;
}

function findTrigger(
  registry: TriggerRegistry,
  call: ReturnType<typeof cloudTrailCallOf>,
  envelope: { readonly source: string; readonly detailType: string },
): AnyTrigger | undefined {
  return registry.find(({ match }) =>
    match.kind === 'cloudtrail'
      ? match.eventSource === call?.eventSource && match.eventName === call?.eventName
      : !call && match.source === envelope.source && match.detailType === envelope.detailType,
  );
}

/** The trigger as its receiver's, when it is: the receiver check is what ties the parser's work type to R. */
function specFor<R extends Receiver>(trigger: AnyTrigger, receiver: R): TriggerSpec<R> | undefined {
  return trigger.receiver === receiver ? (trigger as unknown as TriggerSpec<R>) : undefined;
}

const isIgnore = (value: { readonly kind: string }): value is Ignore => value.kind === 'ignore';

const nameOf = (trigger: AnyTrigger): string =>
  trigger.match.kind === 'cloudtrail' ? trigger.match.eventName : trigger.match.detailType;
