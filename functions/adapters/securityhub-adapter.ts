import { type AsffFinding, type AsffTarget, toAsffFinding } from '../core/findings/asff.js';
import { type FindingOutput, findingsOf, OutputRejectedError, retryRejected } from './finding-outputs.js';
import type { JsonCaller } from './signed-json.js';

/** IAM actions this adapter calls; the stack grants them on the account's own product only. */
export const SECURITY_HUB_ACTIONS = ['securityhub:BatchImportFindings'] as const;

/** BatchImportFindings takes at most 100 findings per call. */
export const IMPORT_BATCH = 100;

/** Per-finding error codes a resend can fix; a malformed finding fails again and must be seen. */
const RETRYABLE = /Throttl|LimitExceeded|Internal|ServiceUnavailable/i;

interface ImportOutput {
  readonly FailedFindings?: readonly { Id?: string; ErrorCode?: string; ErrorMessage?: string }[];
}

/**
 * Imports each finding in the AWS Security Finding Format into Security Hub in the home region. The
 * call's own throttling is retried by the caller (signed-json.ts); findings the call reports in
 * FailedFindings are resent when retryable and otherwise fail the delivery, so the event is retried
 * and, past its retries, kept in the failure queue.
 */
export function createSecurityHubOutput(
  call: JsonCaller,
  target: AsffTarget,
  sleep: (ms: number) => Promise<void>,
): FindingOutput {
  const importBatch = async (findings: readonly AsffFinding[]) => {
    const out = (await call({
      service: 'securityhub',
      region: target.region,
      path: '/findings/import',
      body: { Findings: findings },
    })) as ImportOutput;
    const byId = new Map(findings.map((f) => [f.Id, f]));
    return (out.FailedFindings ?? []).map((failed) => ({
      item: byId.get(failed.Id ?? '') as AsffFinding,
      code: `${failed.ErrorCode ?? 'Unknown'}: ${failed.ErrorMessage ?? ''}`,
      retryable: RETRYABLE.test(failed.ErrorCode ?? ''),
    }));
  };
  return {
    name: 'Security Hub',
    async deliver(message) {
      // Info findings are the guard's own records (a clean sweep's summary), not security findings:
      // imported, every account would add one NEW finding per sweep.
      const findings = findingsOf(message)
        .filter((f) => f.severity !== 'info')
        .map((f) => toAsffFinding(f, target));
      for (let i = 0; i < findings.length; i += IMPORT_BATCH) {
        const rejected = await retryRejected(findings.slice(i, i + IMPORT_BATCH), importBatch, sleep);
        if (rejected.length > 0) {
          throw new OutputRejectedError(
            `BatchImportFindings rejected ${rejected.length} finding(s): ${[...new Set(rejected.map((r) => r.code))].join('; ')}`,
          );
        }
      }
    },
  };
}
