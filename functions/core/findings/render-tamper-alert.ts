import type { TamperEvent, TamperVerdict } from '../policy/tamper/tamper-event.js';
import { boundedRequest } from './bounded-request.js';
import type { OutboundMessage } from './render-message.js';

type Alert = Extract<TamperVerdict, { status: 'alert' }>;

/** Who did it, in words: the caller, where from, and the service that acted for it. */
export function describeActor(event: TamperEvent): string {
  const { actor } = event;
  const from = actor.sourceIp && actor.sourceIp !== actor.invokedBy ? ` from ${actor.sourceIp}` : '';
  const via = actor.invokedBy ? ` through ${actor.invokedBy}` : '';
  return `${actor.name} (${actor.type})${from}${via}`;
}

/**
 * The critical self-protection alert: machine-readable under `default`, a short text under `email`.
 * The request is included as CloudTrail recorded it, because the security team needs it to undo the
 * change; nothing else of the event is.
 */
export function renderTamperAlert(event: TamperEvent, verdict: Alert): OutboundMessage {
  const who = describeActor(event);
  const summary = `${who} ${verdict.what} in ${event.account}/${event.region}. The guard can no longer see: ${verdict.blindSpot}.`;
  const document = {
    product: 'ssh-ingress-guard',
    kind: 'self-protection',
    severity: 'critical',
    checkId: 'guard-tampering',
    title: `Tampering with ssh-ingress-guard: ${verdict.path}`,
    path: verdict.path,
    target: verdict.target,
    what: verdict.what,
    who,
    blindSpot: verdict.blindSpot,
    summary,
    guidance:
      'If this change was not intended, undo it (redeploy the guard), then investigate the actor and what changed meanwhile.',
    account: event.account,
    region: event.region,
    time: event.eventTime,
    eventSource: event.eventSource,
    eventName: event.eventName,
    eventId: event.eventId,
    actor: event.actor,
    // As CloudTrail recorded it, when it fits; a forged or pathological one cannot burst the message.
    request: boundedRequest(event.request),
  };
  const email = [
    'ssh-ingress-guard: TAMPERING (critical)',
    '',
    `What: ${verdict.what}`,
    `Who: ${who}`,
    `When: ${event.eventTime} (${event.eventName}, event ${event.eventId})`,
    `Where: account ${event.account}, region ${event.region}`,
    `The guard can no longer see: ${verdict.blindSpot}.`,
    '',
    `What to do: ${document.guidance}`,
  ].join('\n');
  const subject = `[ssh-ingress-guard] TAMPER ${event.eventName} on ${verdict.target}`;
  return {
    subject: toSubject(`${subject} (${event.account}/${event.region})`),
    message: JSON.stringify({ default: JSON.stringify(document), email }),
    attributes: {
      severity: 'critical',
      action: 'tamper',
      account: event.account,
      region: event.region,
      trigger: event.eventName,
    },
    findingIds: [`tamper-${event.eventId}`],
  };
}

/** SNS subjects: printable ASCII, at most 100 characters. */
function toSubject(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length <= 100 ? clean : `${clean.slice(0, 97)}...`;
}
