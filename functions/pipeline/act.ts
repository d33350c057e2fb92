import type { RemediationMode } from '../core/policy/policy-config.js';

/**
 * Report mode, decided in this one place for every pipeline (security groups and EMR Block Public
 * Access alike): the plan is made exactly as in the acting modes, and `report` skips carrying it out,
 * so its findings say what would have been done.
 */
export async function actUnlessReporting<Plan, Result>(
  mode: RemediationMode,
  plan: Plan,
  carryOut: (plan: Plan) => Promise<Result>,
  describeSkipped: (plan: Plan) => Result,
): Promise<Result> {
  return mode === 'report' ? describeSkipped(plan) : carryOut(plan);
}
