import { SSH_POSTURE_TYPE } from '../core/model/host-posture.js';
import { describeValue, isObject, str } from './json.js';

/**
 * A Systems Manager "Configuration Compliance State Change" for one managed instance. The event
 * says only which compliance type changed and its overall status; the items themselves are read
 * from Systems Manager when there is something to report.
 */
export interface ComplianceChange {
  readonly instanceId: string;
  readonly complianceType: string;
  readonly status: 'compliant' | 'non-compliant';
  /** When the host last reported, as the event states it. */
  readonly lastRuntime?: string;
}

export type ParsedComplianceChange =
  | { readonly ok: true; readonly value: ComplianceChange }
  | { readonly ok: false; readonly error: string };

const INSTANCE_ID = /^(i|mi)-[0-9a-f]+$/;

/** detail -> the change, or why it is not one the guard understands. */
export function parseComplianceChange(detail: unknown): ParsedComplianceChange {
  if (!isObject(detail)) return { ok: false, error: 'detail is not an object' };
  const complianceType = str(detail['compliance-type']);
  if (complianceType !== SSH_POSTURE_TYPE) {
    return { ok: false, error: `compliance-type is ${complianceType ?? 'missing'}, not ${SSH_POSTURE_TYPE}` };
  }
  const resourceType = str(detail['resource-type']);
  if (resourceType !== 'managed-instance') {
    return { ok: false, error: `resource-type is ${resourceType ?? 'missing'}, not managed-instance` };
  }
  const instanceId = str(detail['resource-id']);
  if (!instanceId || !INSTANCE_ID.test(instanceId)) {
    return { ok: false, error: `resource-id ${instanceId ?? '(missing)'} is not an instance id` };
  }
  // Documented samples write the status in lower case, rules written by people often in upper case.
  const status = str(detail['compliance-status'])?.toLowerCase().replace('_', '-');
  if (status !== 'compliant' && status !== 'non-compliant') {
    return {
      ok: false,
      error: `compliance-status ${statusText(detail['compliance-status'])} is not compliant or non_compliant`,
    };
  }
  const lastRuntime = str(detail['last-runtime']);
  return { ok: true, value: { instanceId, complianceType, status, ...(lastRuntime ? { lastRuntime } : {}) } };
}

/** A status as written when it is a short word, else bounded: the detail may hold anything. */
const statusText = (raw: unknown): string =>
  typeof raw === 'string' && raw.length <= 40 ? raw : describeValue(raw);
