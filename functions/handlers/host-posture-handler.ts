import type { Config } from '../config/config.js';
import { buildEventFinding } from '../core/findings/build-event-finding.js';
import type { PublishPort } from '../deps.js';
import type { Log } from '../log.js';
import { isObject, obj, str } from '../parse/json.js';
import { publishFindings } from '../pipeline/publish-findings.js';
import { adaptPostureEvent, type PostureReader } from '../triggers/ssh-posture-event.js';

export const COMPLIANCE_CHANGE = 'Configuration Compliance State Change';

export interface HostPostureDeps {
  /** Compliance items are read in the instance's region (the event's). */
  readonly postureFor: (region: string) => PostureReader;
  readonly publisher: PublishPort;
  readonly now: () => Date;
}

export interface HostPostureResult {
  readonly status: 'handled' | 'ignored' | 'unparsed';
  readonly eventId?: string;
  readonly reason?: string;
  readonly findingIds?: readonly string[];
}

/**
 * Systems Manager compliance changes of the SSH posture type: route, adapt, publish the host's
 * findings on the same topic, with the same schema, as security group findings.
 */
export function makeHostPostureHandler(config: Pick<Config, 'mode'>, deps: HostPostureDeps, log: Log) {
  return async (event: unknown): Promise<HostPostureResult> => {
    const detail = isObject(event) ? obj(event.detail) : undefined;
    const id = isObject(event) ? (str(event.id) ?? '') : '';
    if (
      !isObject(event) ||
      event.source !== 'aws.ssm' ||
      event['detail-type'] !== COMPLIANCE_CHANGE ||
      !detail
    ) {
      log.warn('ignoring event this function does not handle', { eventId: id });
      return { status: 'ignored', eventId: id, reason: 'not a Systems Manager compliance change' };
    }
    const trigger = {
      kind: 'ssm-compliance' as const,
      eventName: COMPLIANCE_CHANGE,
      eventId: id,
      eventTime: str(event.time) ?? str(detail['last-runtime']) ?? '',
      account: str(event.account) ?? '',
      region: str(event.region) ?? '',
    };
    const now = deps.now();
    const work = await adaptPostureEvent(detail, trigger, deps.postureFor(trigger.region), {
      mode: config.mode,
      now,
    });
    if (work.kind === 'unparsed') {
      const finding = buildEventFinding({
        checkId: 'unparsed-event',
        severity: 'high',
        title: 'SSH posture event not understood',
        summary: `${COMPLIANCE_CHANGE} event ${id} could not be parsed: ${work.reason}.`,
        guidance:
          'The host behind this event was not evaluated. Look at its Custom:SshPosture compliance items in Systems Manager and report the event id so the parser can be extended.',
        trigger,
        mode: config.mode,
        now,
        error: { code: 'UnparsedEvent', message: work.reason },
      });
      log.error('event not understood; published unparsed-event finding', {
        eventId: id,
        reason: work.reason,
      });
      await publishFindings([finding], deps.publisher);
      return { status: 'unparsed', eventId: id, reason: work.reason, findingIds: [finding.findingId] };
    }
    if (work.kind === 'nothing') {
      log.info('handled event: nothing to report', { eventId: id, reason: work.reason });
      return { status: 'handled', eventId: id, reason: work.reason };
    }
    await publishFindings(work.findings, deps.publisher);
    const findingIds = work.findings.map((f) => f.findingId);
    log.info('handled event', {
      eventId: id,
      instanceId: work.instanceId,
      checks: work.findings.map((f) => f.checkId),
    });
    return { status: 'handled', eventId: id, findingIds };
  };
}
