import type { Finding } from '../findings/finding.js';
import { describePorts, describeSource, type Rule } from '../model/rule.js';
import type { PrefixListInfo } from '../policy/classify-source.js';
import type { RuleEvaluation } from '../policy/evaluate.js';
import type { RemediationMode } from '../policy/policy-config.js';
import { describePermission } from './permission.js';
import { type PlannedAction, planRemediation } from './plan.js';
import { eicPrefixListNames } from './replace.js';

/** Every mode, the gentlest last: what a security team weighs before choosing one. */
export const PREVIEW_MODES: readonly RemediationMode[] = ['revoke', 'narrow', 'replace-with-eic', 'report'];

/** What the guard would do to one rule in one mode, as the planner plans it. */
export interface ModePreview {
  readonly mode: RemediationMode;
  /** `change`: the group would be edited; `none`: the rule stays as it is. */
  readonly effect: 'change' | 'none';
  readonly text: string;
}

export interface PreviewContext {
  readonly region: string;
  readonly watchedPorts: readonly number[];
  readonly prefixLists: ReadonlyMap<string, PrefixListInfo>;
}

/**
 * Plans the rule of a finding in every mode with the guard's own planner. The planner reads only the
 * verdict, whether remediation applies and an active exemption; a report-mode finding states all
 * three (`would-revoke`, `exempted`, `review`). The EC2 Instance Connect list is named, not looked up:
 * the scan stays read-only and one call cheaper per region, and the text says which list it means.
 */
export function previewModes(finding: Finding, rule: Rule, ctx: PreviewContext): ModePreview[] {
  const evaluation = evaluationOf(finding, rule);
  const names = eicPrefixListNames(ctx.region);
  const planContext = {
    watchedPorts: ctx.watchedPorts,
    prefixLists: ctx.prefixLists,
    eic: { region: ctx.region, ipv4: names.ipv4, ipv6: names.ipv6 },
  };
  return PREVIEW_MODES.map((mode) => {
    const [step] = planRemediation([evaluation], mode, planContext);
    const action: PlannedAction = step?.action ?? { kind: 'none', outcome: 'review' };
    return { mode, effect: action.kind === 'none' ? 'none' : 'change', text: describeAction(action, rule) };
  });
}

function evaluationOf(finding: Finding, rule: Rule): RuleEvaluation {
  const type = finding.action.type;
  const exemption = finding.action.exemption;
  return {
    rule,
    verdict: finding.checkId === 'ssh-public-source' ? 'review' : 'world-open',
    reason: finding.summary,
    checkId: finding.checkId,
    severity: finding.severity,
    remediate: type === 'would-revoke',
    ...(exemption
      ? { exemption: { ...exemption, groupId: finding.resource.groupId ?? rule.groupId ?? '' } }
      : {}),
  };
}

function describeAction(action: PlannedAction, rule: Rule): string {
  const target = `${rule.ruleId ?? 'the rule'} (${describePorts(rule)} from ${describeSource(rule.source)})`;
  const note = (text?: string) => (text ? `; ${text}` : '');
  switch (action.kind) {
    case 'revoke':
      return `revoke ${target}${note(action.note)}`;
    case 'narrow':
      return `add ${action.keep.map(describePermission).join(', ')}, then revoke ${target}${note(action.dropped ? `not kept: ${action.dropped}` : undefined)}`;
    case 'replace':
      return `revoke ${target}, then add ${action.add.map(describePermission).join(', ')} (if the region has that list; otherwise revoke only)`;
    case 'none':
      return NO_CHANGE[action.outcome];
  }
}

const NO_CHANGE: Record<Extract<PlannedAction, { kind: 'none' }>['outcome'], string> = {
  'would-revoke': 'no change: the finding says would-revoke',
  exempted: 'no change: exempted',
  review: 'no change: reported for review',
  'already-gone': 'no change: the rule is already gone',
};
