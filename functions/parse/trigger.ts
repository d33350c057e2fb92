import type { Actor, Trigger } from '../core/model/trigger.js';
import type { Envelope } from './envelope.js';
import { type Json, obj, str } from './json.js';

/**
 * Who, from where, with what: taken from the CloudTrail record for the finding. The region is the
 * record's own (`awsRegion`): a forwarder or replay may re-publish the event from another region,
 * and the call happened where the record says.
 */
export function toCloudTrailTrigger(envelope: Envelope, record: Json): Trigger {
  const identity = obj(record.userIdentity);
  const session = obj(identity?.sessionContext);
  const mfa = str(obj(session?.attributes)?.mfaAuthenticated);
  const actor: Actor = {
    ...(str(identity?.arn) ? { arn: str(identity?.arn) } : {}),
    ...(str(identity?.type) ? { principalType: str(identity?.type) } : {}),
    ...(str(identity?.principalId) ? { principalId: str(identity?.principalId) } : {}),
    ...(str(identity?.accountId) ? { accountId: str(identity?.accountId) } : {}),
    ...(str(identity?.invokedBy) ? { invokedBy: str(identity?.invokedBy) } : {}),
    ...(str(obj(session?.sessionIssuer)?.arn)
      ? { sessionIssuerArn: str(obj(session?.sessionIssuer)?.arn) }
      : {}),
    ...(mfa ? { mfaAuthenticated: mfa === 'true' } : {}),
  };
  return {
    kind: 'cloudtrail',
    eventName: str(record.eventName) ?? 'unknown',
    eventId: str(record.eventID) ?? envelope.id,
    eventTime: str(record.eventTime) ?? envelope.time,
    account: envelope.account,
    region: str(record.awsRegion) ?? envelope.region,
    actor,
    ...(str(record.sourceIPAddress) ? { sourceIp: str(record.sourceIPAddress) } : {}),
    ...(str(record.userAgent) ? { userAgent: str(record.userAgent) } : {}),
  };
}

export function toEnvelopeTrigger(envelope: Envelope, kind: Trigger['kind'], eventName: string): Trigger {
  return {
    kind,
    eventName,
    eventId: envelope.id,
    eventTime: envelope.time,
    account: envelope.account,
    region: envelope.region,
  };
}
