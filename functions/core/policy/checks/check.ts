import type { Rule } from '../../model/rule.js';
import type { Classification, SourceContext } from '../classify-source.js';
import type { RuleEvaluation } from '../evaluate.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export type CheckResult =
  | { readonly status: 'not-applicable' }
  | { readonly status: 'compliant'; readonly reason: string }
  | {
      readonly status: 'non-compliant';
      readonly severity: Severity;
      readonly reason: string;
      /** Whether the policy asks for the rule to be removed (review findings usually do not). */
      readonly remediate: boolean;
      readonly classification: Classification;
    };

/** One rule check: a pure function of a rule and the policy context (cdk-nag style). */
export interface RuleCheck {
  readonly id: string;
  readonly title: string;
  evaluate(rule: Rule, ctx: SourceContext): CheckResult;
}

/**
 * A check over every rule of one security group at once, for exposure no single rule shows (many
 * narrow public rules that together span the world). It runs only when the whole group was read,
 * and answers with the group's evaluations, some of them replaced.
 */
export interface GroupCheck {
  readonly id: string;
  readonly title: string;
  evaluate(group: readonly RuleEvaluation[], ctx: SourceContext): readonly RuleEvaluation[];
}
