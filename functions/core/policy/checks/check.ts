import type { HostPosture, PostureItem } from '../../model/host-posture.js';
import type { Rule } from '../../model/rule.js';
import type { Classification, SourceContext } from '../classify-source.js';
import type { FlaggedEvaluation, RuleEvaluation } from '../evaluate.js';
import type { OpeningHistory } from '../opening-history.js';
import type { Exposure } from './exposure.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** What a non-compliant result of a check means for the rule: removed, or shown to a person. */
export type CheckVerdict = 'world-open' | 'review';

/** The check's own words in a finding, by what happened to the rule. */
export interface CheckGuidance {
  /** Why the rule was removed, said first when the guard revoked it. */
  readonly revoked: string;
  /** What the open rule means and what to do, when the guard left it for a person to review. */
  readonly review: string;
}

/**
 * Everything a finding, a table row or a reader needs to know about a check, held by the check
 * itself: adding a check is one file and one entry in the list of checks.
 */
export interface CheckDescription {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly verdict: CheckVerdict;
  /** The few words of the scan's table (FINDING column). */
  readonly label: string;
  readonly guidance: CheckGuidance;
}

export type CheckResult =
  | { readonly status: 'not-applicable' }
  | { readonly status: 'compliant'; readonly reason: string }
  | {
      readonly status: 'non-compliant';
      readonly reason: string;
      /** Whether the policy asks for the rule to be removed (review findings usually do not). */
      readonly remediate: boolean;
      readonly classification: Classification;
    };

/**
 * One rule check: a pure function of a rule, its exposure (computed once per rule by the
 * evaluator, undefined when no watched port is reachable over tcp) and the policy (cdk-nag style).
 */
export interface RuleCheck extends CheckDescription {
  readonly scope: 'rule';
  evaluate(rule: Rule, exposure: Exposure | undefined, ctx: SourceContext): CheckResult;
}

/** A rule of a group as the group checks see it: its evaluation so far and its exposure. */
export interface GroupMember {
  readonly evaluation: RuleEvaluation;
  readonly exposure: Exposure | undefined;
  /**
   * `event`: the call being handled added (or rewrote) the rule; `group`: the group held it already.
   * Among rules a check finds equally to blame, it removes what the event added first.
   */
  readonly origin: 'event' | 'group';
}

/**
 * A check over the rules of one security group at once, for exposure no single rule shows (many
 * narrow public rules that together span the world). It answers with the group's evaluations in the
 * same order, some of them replaced. It runs over every rule of a group when the whole group was
 * read, and over an event's own rules before any read, so it must be monotone: what it flags in part
 * of a group, it flags in the whole group too.
 */
export interface GroupCheck extends CheckDescription {
  readonly scope: 'group';
  evaluate(group: readonly GroupMember[], ctx: SourceContext): readonly RuleEvaluation[];
}

/** What a host check makes of one instance's SSH posture report. */
export type HostCheckResult =
  | { readonly status: 'not-applicable' }
  | { readonly status: 'compliant'; readonly reason: string }
  | { readonly status: 'non-compliant'; readonly reason: string; readonly item: PostureItem };

/**
 * A check of an instance's SSH daemon over the compliance items its host reported. The guard never
 * changes a host, so every host check's verdict is review.
 */
export interface HostCheck extends CheckDescription {
  readonly scope: 'host';
  readonly verdict: 'review';
  evaluate(posture: HostPosture): HostCheckResult;
}

/**
 * A check over what happened before: it looks at a flagged rule together with how often the same
 * rule was opened recently. Recording an opening costs a call, so only the rules `records` accepts
 * are recorded, and only after the rule checks flagged them: a compliant event costs nothing.
 */
export interface HistoryCheck extends CheckDescription {
  readonly scope: 'history';
  records(evaluation: FlaggedEvaluation): boolean;
  /** The evaluation, or an escalated one in its place. */
  evaluate(evaluation: FlaggedEvaluation, history: OpeningHistory): FlaggedEvaluation;
}

export type Check = RuleCheck | GroupCheck | HistoryCheck | HostCheck;
