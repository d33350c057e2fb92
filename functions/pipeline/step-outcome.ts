import type { FindingChange } from '../core/findings/finding.js';
import { type CurrentRule, describePorts, describeSource } from '../core/model/rule.js';
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

/** What the group's calls did to this step's rule (`rule`, the current rule it acted on). */
export function outcomeOf(step: PlannedStep, rule: CurrentRule, calls: GroupCalls): RuleOutcome {
  const { evaluation, action } = step;
  const revoke = calls.revoked.get(rule.ruleId) ?? NO_RESULT;
  const revokeChange = revokeChangeOf(calls.groupId, rule.ruleId, revoke);
  const removed = revokeOutcome(rule, revoke);
  // Nothing was added for a narrowing whose wide rule was not removed: its outcome is the revoke's.
  if (action.kind === 'narrow' && revoke.status === 'revoked') {
    const authorized = calls.narrowed;
    const changes = [revokeChange, authorizeChangeOf(calls.groupId, action.keep, authorized)];
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
  const notes = [action.kind === 'revoke' ? action.note : undefined, removed.note].filter((n) => n);
  return {
    evaluation,
    ...removed,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    changes: [revokeChange],
  };
}

function revokeOutcome(
  rule: CurrentRule,
  revoke: RevokeResult,
): Pick<RuleOutcome, 'action' | 'error' | 'note'> {
  if (revoke.status === 'failed')
    return { action: 'failed', error: { code: revoke.code, message: revoke.message } };
  if (revoke.status === 'already-gone')
    return { action: 'already-gone', note: goneNote(rule, revoke.evidence) };
  return { action: 'revoked' };
}

/**
 * Already gone says what EC2 showed, and no more: the judged permission is not in the group any more.
 * Who removed it is not known: someone, another tool, or an earlier delivery of this same event whose
 * publish failed and was retried.
 */
function goneNote(rule: CurrentRule, evidence: string): string {
  return `${describePorts(rule)} from ${describeSource(rule.source)} is no longer in ${rule.groupId} (${evidence}): removed or changed since the event (by hand, by another tool, or by an earlier delivery of this event), so this delivery revoked nothing`;
}

function revokeChangeOf(groupId: string, ruleId: string, revoke: RevokeResult): FindingChange {
  return {
    call: 'RevokeSecurityGroupIngress',
    groupId,
    outcome: revoke.status === 'revoked' ? 'succeeded' : revoke.status,
    // The rule EC2 says it removed; for the others, the rule that was judged.
    ruleIds: [revoke.status === 'revoked' ? revoke.ruleId : ruleId],
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
