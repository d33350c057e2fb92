import { errorInfo } from '../adapters/aws-error.js';
import type { PolicySettings } from '../config/config.js';
import { buildRegionFailureFinding, type RegionReport } from '../core/findings/build-sweep-finding.js';
import type { Finding } from '../core/findings/finding.js';
import type { Trigger } from '../core/model/trigger.js';
import type { Deps } from '../deps.js';
import { guardWithoutPublishing } from './run-guard.js';
import type { SweepProgress } from './run-sweep.js';

/**
 * One region of a sweep: read every rule (all pages), then the one pipeline with whole groups, so
 * group checks apply. Whatever goes wrong in the region is a value: a failure finding and a report.
 */
export async function sweepRegion(
  trigger: Trigger,
  settings: PolicySettings,
  deps: Deps,
  onProgress?: (progress: SweepProgress) => void,
): Promise<{ report: RegionReport; findings: readonly Finding[] }> {
  const { region } = trigger;
  const ec2 = deps.ec2For(region);
  const callsMade = () => deps.callsIn?.(region) ?? 0;
  const callsBefore = callsMade();
  const started = deps.now().getTime();
  const measured = () => ({
    apiCalls: callsMade() - callsBefore,
    durationMs: deps.now().getTime() - started,
  });
  try {
    const rules = await ec2.readAllRules((n) => onProgress?.({ kind: 'rules-read', region, rules: n }));
    const result = await guardWithoutPublishing(
      { trigger, selection: { kind: 'rules', rules, wholeGroups: true } },
      settings,
      deps,
    );
    const report: RegionReport = {
      region,
      status: 'swept',
      groups: result.groups.length,
      rules: result.rulesEvaluated,
      violations: result.violations,
      actions: result.actions,
      failures: result.actions.failed ?? 0,
      ...measured(),
    };
    return { report, findings: result.findings };
  } catch (cause) {
    // An opt-in region, an SCP, throttling past retries: visible as a finding, and the sweep goes on.
    const error = errorInfo(cause);
    const report: RegionReport = {
      region,
      status: 'failed',
      groups: 0,
      rules: 0,
      violations: 0,
      actions: {},
      failures: 0,
      ...measured(),
      error,
    };
    return { report, findings: [buildRegionFailureFinding(trigger, error, settings.mode, deps.now())] };
  }
}
