import type { FindingChange } from '../core/findings/finding.js';
import type { RuleOutcome } from '../core/remediation/outcome.js';
import {
  describePermission,
  type Permission,
  permissionKey,
  ruleKeyAsPermission,
} from '../core/remediation/permission.js';
import type { PlannedStep } from '../core/remediation/plan.js';
import type { AuthorizeResult, RevokeResult } from '../deps.js';

/** The EC2 calls made for one group; each step's outcome is read from them. */
export interface GroupCalls {
  readonly groupId: string;
  readonly narrowed?: AuthorizeResult;
  readonly revoked: ReadonlyMap<string, RevokeResult>;
  readonly replaced?: AuthorizeResult;
}

const NO_RESULT: RevokeResult = {
  status: 'failed',
  code: 'NoResult',
  message: 'revoke returned no result for this rule',
};

/**
 * A step that was not carried out: report mode skipped it (what would have been done), or the plan
 * gave it no action (exempted, review, already gone).
 */
export function outcomeWithoutActing(step: PlannedStep): RuleOutcome {
  const { evaluation, action } = step;
  return { evaluation, action: action.kind === 'none' ? action.outcome : 'would-revoke' };
}

/** What the group's calls did to this step's rule (`ruleId`, the current rule it acted on). */
export function outcomeOf(step: PlannedStep, ruleId: string, calls: GroupCalls): RuleOutcome {
  const { evaluation, action } = step;
  const revoke = calls.revoked.get(ruleId) ?? NO_RESULT;
  const revokeChange = revokeChangeOf(calls.groupId, ruleId, revoke);
  const removed = revokeOutcome(revoke);
  if (action.kind === 'narrow') {
    const authorized = calls.narrowed;
    const changes = [authorizeChangeOf(calls.groupId, action.keep, authorized), revokeChange];
    if (revoke.status !== 'revoked') {
      const added = changes[0]?.ruleIds ?? [];
      const note =
        added.length === 0
          ? undefined
          : revoke.status === 'failed'
            ? 'the narrower rules were added, but the wide rule could not be removed'
            : `the wide rule was already gone; the narrower rules added just before (${added.join(', ')}) remain`;
      return { evaluation, ...removed, ...(note ? { note } : {}), changes };
    }
    if (authorized?.status !== 'authorized') {
      const code = authorized?.code ?? 'NotAttempted';
      return {
        evaluation,
        action: 'revoked',
        note: `narrowing failed (${code}), rule revoked entirely: adding the narrower rules was refused, so SSH was removed together with the other ports`,
        changes,
      };
    }
    return {
      evaluation,
      action: 'narrowed',
      kept: action.keep,
      ...(action.dropped ? { dropped: action.dropped } : {}),
      changes,
    };
  }
  if (action.kind === 'replace' && revoke.status === 'revoked') {
    const changes = [revokeChange, authorizeChangeOf(calls.groupId, action.add, calls.replaced)];
    if (calls.replaced?.status !== 'authorized') {
      const code = calls.replaced?.code ?? 'NotAttempted';
      return {
        evaluation,
        action: 'revoked',
        note: `replacement failed (${code}): ${action.add.map(describePermission).join(', ')} could not be added, so the rule was revoked without a replacement`,
        changes,
      };
    }
    return { evaluation, action: 'replaced', added: action.add, changes };
  }
  const note = action.kind === 'revoke' ? action.note : undefined;
  return { evaluation, ...removed, ...(note ? { note } : {}), changes: [revokeChange] };
}

function revokeOutcome(revoke: RevokeResult): Pick<RuleOutcome, 'action' | 'error'> {
  if (revoke.status === 'failed')
    return { action: 'failed', error: { code: revoke.code, message: revoke.message } };
  return { action: revoke.status };
}

function revokeChangeOf(groupId: string, ruleId: string, revoke: RevokeResult): FindingChange {
  return {
    call: 'RevokeSecurityGroupIngress',
    groupId,
    outcome: revoke.status === 'revoked' ? 'succeeded' : revoke.status,
    ruleIds: [ruleId],
    ...(revoke.status === 'failed' ? { error: { code: revoke.code, message: revoke.message } } : {}),
  };
}

/** This step's share of a per-group authorize: its permissions and the rules created for them. */
function authorizeChangeOf(
  groupId: string,
  permissions: readonly Permission[],
  result: AuthorizeResult | undefined,
): FindingChange {
  const mine = new Set(permissions.map(permissionKey));
  const created = (result?.created ?? []).filter((r) => {
    const key = ruleKeyAsPermission(r);
    return key !== undefined && mine.has(key);
  });
  const present =
    result?.status === 'authorized' ? result.alreadyPresent.filter((p) => mine.has(permissionKey(p))) : [];
  return {
    call: 'AuthorizeSecurityGroupIngress',
    groupId,
    outcome: result?.status === 'authorized' ? 'succeeded' : 'failed',
    permissions: permissions.map(describePermission),
    ...(created.length > 0 ? { ruleIds: created.map((r) => r.ruleId) } : {}),
    ...(present.length > 0 ? { alreadyPresent: present.map(describePermission) } : {}),
    ...(result?.status === 'failed' ? { error: { code: result.code, message: result.message } } : {}),
  };
}
