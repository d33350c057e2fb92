import { describePorts, describeSource, type Rule } from '../model/rule.js';
import type { PolicyConfig, RemediationMode } from '../policy/policy-config.js';
import { decideRemediation } from './decide.js';
import type { GuardFacts } from './facts.js';
import { describePermission } from './permission.js';
import { type PlannedAction, planRemediation } from './plan.js';
import { eicPrefixListNames } from './replace.js';

/** Every mode, the gentlest last: what a security team weighs before choosing one. */
export const PREVIEW_MODES: readonly RemediationMode[] = ['revoke', 'narrow', 'replace-with-eic', 'report'];

/** What the guard would do to one rule in one mode, as its planner plans it. */
export interface ModePreview {
  readonly mode: RemediationMode;
  /** `change`: the group would be edited; `none`: the rule stays as it is. */
  readonly effect: 'change' | 'none';
  readonly text: string;
}

/** How a preview is found again for a finding: the rule and the check that flagged it. */
export const previewKey = (ruleId: string, checkId: string): string => `${ruleId}|${checkId}`;

/**
 * What the guard would do in every mode to each flagged rule of one region: the guard's own decision
 * over the facts the scan already read, planned once per mode. The EC2 Instance Connect lists are
 * named, not looked up (a read-only scan, one call fewer per region), and the text says which list
 * replace-with-eic would use. Pure: the same facts, policy and clock give the same previews.
 */
export function previewModes(facts: GuardFacts, policy: PolicyConfig, now: Date): Map<string, ModePreview[]> {
  const names = eicPrefixListNames(facts.region);
  const eic = facts.eic ?? { region: facts.region, ipv4: names.ipv4, ipv6: names.ipv6 };
  const { evaluations } = decideRemediation({ ...facts, eic }, { policy, mode: 'revoke' }, now);
  const context = { watchedPorts: policy.watchedPorts, prefixLists: facts.prefixLists, eic };
  const previews = new Map<string, ModePreview[]>();
  for (const mode of PREVIEW_MODES) {
    for (const { evaluation, action } of planRemediation(evaluations, mode, context)) {
      if (!evaluation.rule.ruleId) continue;
      const key = previewKey(evaluation.rule.ruleId, evaluation.check.id);
      const list = previews.get(key) ?? [];
      list.push(previewOf(mode, action, evaluation.rule));
      previews.set(key, list);
    }
  }
  return previews;
}

function previewOf(mode: RemediationMode, action: PlannedAction, rule: Rule): ModePreview {
  // Report mode plans what revoke would do and skips the act step: nothing changes.
  if (action.kind === 'none' || mode === 'report')
    return { mode, effect: 'none', text: action.kind === 'none' ? NO_CHANGE[action.outcome] : WOULD_REVOKE };
  return { mode, effect: 'change', text: describeAction(action, rule) };
}

function describeAction(action: Exclude<PlannedAction, { kind: 'none' }>, rule: Rule): string {
  const target = `${rule.ruleId ?? 'the rule'} (${describePorts(rule)} from ${describeSource(rule.source)})`;
  switch (action.kind) {
    case 'revoke':
      return `revoke ${target}${action.note ? `; ${action.note}` : ''}`;
    case 'narrow':
      return `add ${action.keep.map(describePermission).join(', ')}, then revoke ${target}${action.dropped ? `; not kept: ${action.dropped}` : ''}`;
    case 'replace':
      return `revoke ${target}, then add ${action.add.map(describePermission).join(', ')} (if the region has that list; otherwise revoke only)`;
  }
}

const WOULD_REVOKE = 'no change: the finding says would-revoke';
const NO_CHANGE: Record<Extract<PlannedAction, { kind: 'none' }>['outcome'], string> = {
  exempted: 'no change: exempted',
  review: 'no change: reported for review',
  'already-gone': 'no change: the rule is already gone',
};
