import { BatchImportFindingsCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { type AsffFinding, type AsffTarget, toAsffFinding } from '../core/findings/asff.js';
import { type FindingOutput, findingsOf, OutputRejectedError, retryRejected } from './finding-outputs.js';

/** IAM actions this adapter calls; the stack grants them on the account's own product only. */
export const SECURITY_HUB_ACTIONS = ['securityhub:BatchImportFindings'] as const;

/** BatchImportFindings takes at most 100 findings per call. */
export const IMPORT_BATCH = 100;

/** Per-finding error codes a resend can fix; a malformed finding fails again and must be seen. */
const RETRYABLE = /Throttl|LimitExceeded|Internal|ServiceUnavailable/i;

/**
 * Imports each finding in the AWS Security Finding Format into Security Hub in the home region. The
 * call's own throttling is retried by the SDK (adaptive mode); findings the call reports in
 * FailedFindings are resent when retryable and otherwise fail the delivery, so the event is retried
 * and, past its retries, kept in the failure queue.
 */
export function createSecurityHubOutput(
  client: SecurityHubClient,
  target: AsffTarget,
  sleep: (ms: number) => Promise<void>,
): FindingOutput {
  const importBatch = async (findings: readonly AsffFinding[]) => {
    const out = await client.send(
      // The SDK's types are mutable and wider; the shape is held to its model by a test.
      new BatchImportFindingsCommand({ Findings: findings as never }),
    );
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
      const findings = findingsOf(message).map((f) => toAsffFinding(f, target));
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
