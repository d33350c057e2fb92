import type { OutboundMessage } from '../core/findings/render-message.js';
import type { PublishPort } from '../deps.js';

/**
 * The guard's findings about the canary group are the canary working, not an incident: they are
 * published with a `canary` message attribute and a subject that says so. Subscriptions that page
 * filter them out (`"canary": [{"exists": false}]`); the security team can still subscribe to them.
 * A message is marked only when every finding in it is about the canary group.
 */
export function markCanaryFindings(publisher: PublishPort, canaryGroupId: string | undefined): PublishPort {
  if (!canaryGroupId) return publisher;
  return {
    publish: (message) =>
      publisher.publish(isAboutCanary(message, canaryGroupId) ? asCanary(message) : message),
  };
}

function isAboutCanary(message: OutboundMessage, groupId: string): boolean {
  try {
    const document = JSON.parse(JSON.parse(message.message).default) as {
      findings?: { resource?: { groupId?: string } }[];
    };
    const findings = document.findings ?? [];
    return findings.length > 0 && findings.every((f) => f.resource?.groupId === groupId);
  } catch {
    return false;
  }
}

function asCanary(message: OutboundMessage): OutboundMessage {
  const attributes: OutboundMessage['attributes'] & { canary: string } = {
    ...message.attributes,
    canary: 'true',
  };
  return { ...message, subject: `[canary] ${message.subject}`.slice(0, 100), attributes };
}

/** The same ports with the publisher marking canary findings. */
export function withCanaryMarked<D extends { readonly publisher: PublishPort }>(
  deps: D,
  canaryGroupId: string | undefined,
): D {
  return { ...deps, publisher: markCanaryFindings(deps.publisher, canaryGroupId) };
}
