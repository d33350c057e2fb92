import type { Trigger } from '../model/trigger.js';
import type { Severity } from '../policy/checks/check.js';
import { findingIdOf, toFindingTrigger } from './build-finding.js';
import type { ActionTaken, ErrorInfo, Finding, FindingResource } from './finding.js';
import { SCHEMA_VERSION } from './finding.js';

export interface EventFindingInput {
  readonly checkId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly summary: string;
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
  return {
    schemaVersion: SCHEMA_VERSION,
    findingId: findingIdOf(input.checkId, input.trigger, input.subject ?? input.checkId),
    checkId: input.checkId,
    severity: input.severity,
    title: input.title,
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

/** SPEC §8: a handled event whose shape is not understood is made visible, never guessed at. */
export function buildUnparsedFinding(trigger: Trigger, reason: string, mode: string, now: Date): Finding {
  return buildEventFinding({
    checkId: 'unparsed-event',
    severity: 'high',
    title: 'Security group event not understood',
    summary: `${trigger.eventName} event ${trigger.eventId} could not be parsed: ${reason}. Nothing was changed.`,
    guidance:
      'The guard did not evaluate this change. Inspect the security group by hand (or run `ssh-ingress-guard scan`) and report the event id so the parser can be extended.',
    trigger,
    mode,
    now,
    error: { code: 'UnparsedEvent', message: reason },
  });
}
