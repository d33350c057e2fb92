import { errorCode, errorMessage } from '../../adapters/aws-error.js';
import type { PolicySettings } from '../../config/config.js';
import type { Finding } from '../../core/findings/finding.js';
import type { Trigger } from '../../core/model/trigger.js';
import { type ModePreview, previewKey, previewModes } from '../../core/remediation/mode-preview.js';
import type { Deps } from '../../deps.js';
import type { OrgAccount, OrgScanDeps } from '../../org-deps.js';
import { runSweep, type SweepResult } from '../../pipeline/run-sweep.js';
import { openSession } from './account-session.js';
import { recordReads } from './recorded-reads.js';
import type { AccountScan, OrgProgress, OrgScanRequest } from './scan-organisation.js';

/**
 * One account: its role assumed (or the reason it cannot be), then the sweep's own pipeline over its
 * regions in report mode with EC2 ports signed by that role, then every finding's rule planned in
 * every mode from what the sweep read.
 */
export async function scanAccount(
  account: OrgAccount,
  request: OrgScanRequest,
  settings: PolicySettings,
  deps: OrgScanDeps,
  onProgress?: (progress: OrgProgress) => void,
): Promise<AccountScan> {
  let assumeCalls = 0;
  let credentials: Awaited<ReturnType<typeof openSession>>;
  try {
    credentials = await openSession(deps.sts, account, request.role, deps.now, () => {
      assumeCalls += 1;
    });
  } catch (cause) {
    return {
      status: 'unreachable',
      account,
      error: { code: errorCode(cause), message: errorMessage(cause) },
      apiCalls: assumeCalls,
    };
  }
  const ports = deps.ec2ForAccount(account.id, credentials);
  const reads = recordReads(ports.ec2For, ports.callsIn);
  const sweepDeps: Deps = {
    ec2For: reads.ec2For,
    callsIn: reads.callsIn,
    publisher: { publish: async () => {} },
    now: deps.now,
  };
  const trigger: Trigger = {
    kind: 'scan',
    eventName: 'scan',
    eventId: request.scanId,
    eventTime: deps.now().toISOString(),
    account: account.id,
    region: request.homeRegion,
  };
  let sweep: SweepResult;
  try {
    sweep = await runSweep(trigger, { ...settings, mode: 'report' }, sweepDeps, {
      publish: false,
      ...(request.regions ? { regions: request.regions } : {}),
      ...(onProgress
        ? { onProgress: (progress) => onProgress({ kind: 'sweep', accountId: account.id, progress }) }
        : {}),
    });
  } catch (cause) {
    // The sweep keeps region failures as values; anything else still must not end the whole scan.
    const error = { code: errorCode(cause), message: errorMessage(cause) };
    return { status: 'unreachable', account, error, apiCalls: assumeCalls + reads.apiCalls() };
  }
  return {
    status: 'scanned',
    account,
    sweep,
    apiCalls: assumeCalls + reads.apiCalls(),
    previews: previewsOf(sweep.findings, reads, settings.policy, deps.now()),
  };
}

function previewsOf(
  findings: readonly Finding[],
  reads: ReturnType<typeof recordReads>,
  policy: PolicySettings['policy'],
  now: Date,
): Map<string, readonly ModePreview[]> {
  const byRegion = new Map<string, Map<string, ModePreview[]>>();
  const previews = new Map<string, readonly ModePreview[]>();
  for (const finding of findings) {
    const { ruleId } = finding.resource;
    if (!ruleId) continue;
    let region = byRegion.get(finding.region);
    if (!region) {
      region = previewModes(reads.factsOf(finding.region), policy, now);
      byRegion.set(finding.region, region);
    }
    const preview = region.get(previewKey(ruleId, finding.checkId));
    if (preview) previews.set(finding.findingId, preview);
  }
  return previews;
}
