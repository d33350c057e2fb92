import type { Config, PolicySettings } from '../config/config.js';
import { buildRuleFinding, type FindingContext } from '../core/findings/build-finding.js';
import type { Finding } from '../core/findings/finding.js';
import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import type { RuleSelection } from '../core/model/selection.js';
import type { Trigger } from '../core/model/trigger.js';
import type { RuleEvaluation } from '../core/policy/evaluate.js';
import { planRemediation } from '../core/remediation/plan.js';
import type { Deps } from '../deps.js';
import { lookupEicPrefixLists } from './eic-prefix-lists.js';
import { evaluatePolicy } from './evaluate-policy.js';
import { executePlan } from './execute-plan.js';
import { publishFindings } from './publish-findings.js';
import { readStacks } from './read-stacks.js';
import { escalateRepeats } from './record-openings.js';
import { resolveRules } from './resolve-rules.js';

export interface GuardInput {
  readonly trigger: Trigger;
  readonly selection: RuleSelection;
  /** Findings the adapter already has (EMR cluster state, Block Public Access...), published with the rest. */
  readonly extraFindings?: readonly Finding[];
  readonly emr?: FindingContext['emr'];
  /** Prefix list edits the event reported, applied over entries read that may predate them. */
  readonly prefixListChanges?: readonly PrefixListChange[];
}

export interface GuardSummary {
  readonly eventId: string;
  readonly trigger: string;
  readonly region: string;
  readonly groups: readonly string[];
  readonly rulesEvaluated: number;
  readonly violations: number;
  readonly verdicts: Readonly<Record<string, number>>;
  readonly actions: Readonly<Record<string, number>>;
  readonly published: number;
  readonly findings: readonly Finding[];
  readonly evaluations: readonly RuleEvaluation[];
}

/** The one pipeline every trigger feeds: resolve, evaluate, plan, act, report. */
export async function runGuard(input: GuardInput, config: Config, deps: Deps): Promise<GuardSummary> {
  const summary = await guardWithoutPublishing(input, config, deps);
  const published = await publishFindings(summary.findings, deps.publisher);
  return { ...summary, published };
}

/**
 * The pipeline up to the findings, for callers that publish differently: the sweep sends each
 * region's findings as that region finishes plus one summary, and the scan CLI prints them.
 */
export async function guardWithoutPublishing(
  input: GuardInput,
  config: PolicySettings,
  deps: Deps,
): Promise<Omit<GuardSummary, 'published'>> {
  const { trigger } = input;
  const ec2 = deps.ec2For(trigger.region);
  const resolved = await resolveRules(input.selection, ec2);
  const now = deps.now();
  const { evaluations, prefixLists } = await evaluatePolicy(
    resolved.rules,
    config.policy,
    trigger.region,
    now,
    ec2,
    { wholeGroups: resolved.wholeGroups === true, prefixListChanges: input.prefixListChanges ?? [] },
  );
  // The EIC lists are looked up only when a rule is about to be replaced, never for compliant events.
  const replacing =
    config.mode === 'replace-with-eic' && evaluations.some((e) => e.remediate && e.rule.ruleId);
  const eic = replacing ? await lookupEicPrefixLists(ec2, trigger.region) : undefined;
  const steps = planRemediation(evaluations, config.mode, {
    watchedPorts: config.policy.watchedPorts,
    prefixLists,
    ...(eic ? { eic } : {}),
  });
  const executed = await executePlan(steps, ec2);
  // Infrastructure as code: which stack re-applies the rule, and how often it was opened lately.
  const [outcomes, stacks] = await Promise.all([
    escalateRepeats(executed, trigger, config.repeat.windowHours, deps.openings),
    readStacks(executed, trigger, ec2),
  ]);
  const context: FindingContext = {
    trigger,
    mode: config.mode,
    now,
    groupInfo: resolved.groups,
    ...(input.emr ? { emr: input.emr } : {}),
    ...(stacks.size > 0 ? { stacks } : {}),
  };
  const findings = [...(input.extraFindings ?? []), ...outcomes.map((o) => buildRuleFinding(o, context))];
  const actions = countBy(outcomes.map((o) => o.action));
  return {
    eventId: trigger.eventId,
    trigger: trigger.eventName,
    region: trigger.region,
    groups: [...new Set(resolved.rules.flatMap((r) => (r.groupId ? [r.groupId] : [])))],
    rulesEvaluated: evaluations.length,
    violations: evaluations.filter((e) => e.verdict === 'world-open').length,
    verdicts: countBy(evaluations.map((e) => e.verdict)),
    actions,
    findings,
    evaluations,
  };
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
