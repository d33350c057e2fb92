import type { Trigger } from '../model/trigger.js';
import { findingIdOf, toFindingTrigger } from './build-finding.js';
import type { ActionTaken, ErrorInfo, Finding, FindingResource } from './finding.js';
import { SCHEMA_VERSION } from './finding.js';
import { type FindingKind, unparsedEvent } from './finding-kinds.js';

export interface EventFindingInput {
  /** What the finding is about: its check id, title and severity. */
  readonly kind: Pick<FindingKind<never>, 'checkId' | 'title' | 'severity'>;
  readonly summary: string;
  /** The kind's guidance for these facts. */
  readonly guidance: string;
  readonly trigger: Trigger;
  readonly mode: string;
  readonly now: Date;
  readonly resource?: FindingResource;
  readonly action?: ActionTaken;
  readonly error?: ErrorInfo;
  readonly note?: string;
  /** What makes this finding unique within the event (defaults to the check id). */
  readonly subject?: string;
}

/** A finding about an event, a group, a cluster or a region rather than one rule. */
export function buildEventFinding(input: EventFindingInput): Finding {
  const { checkId, title, severity } = input.kind;
  return {
    schemaVersion: SCHEMA_VERSION,
    findingId: findingIdOf(checkId, input.trigger, input.subject ?? checkId),
    checkId,
    severity,
    title,
    summary: input.summary,
    account: input.trigger.account,
    region: input.trigger.region,
    observedAt: input.now.toISOString(),
    resource: input.resource ?? { type: 'event' },
    trigger: toFindingTrigger(input.trigger),
    action: {
      type: input.action ?? 'reported',
      mode: input.mode,
      ...(input.error ? { error: input.error } : {}),
      ...(input.note ? { note: input.note } : {}),
    },
    guidance: input.guidance,
  };
}

/** A handled event whose shape is not understood is made visible, never guessed at. */
export function buildUnparsedFinding(trigger: Trigger, reason: string, mode: string, now: Date): Finding {
  return buildEventFinding({
    kind: unparsedEvent,
    summary: `${trigger.eventName} event ${trigger.eventId} could not be parsed: ${reason}. Nothing was changed.`,
    guidance: unparsedEvent.guidance(undefined),
    trigger,
    mode,
    now,
    error: { code: 'UnparsedEvent', message: reason },
  });
}
