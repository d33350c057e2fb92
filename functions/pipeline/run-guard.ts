import type { Config, PolicySettings } from '../config/config.js';
import { buildRuleFinding, type FindingContext } from '../core/findings/build-finding.js';
import type { Finding } from '../core/findings/finding.js';
import type { PrefixListChange } from '../core/model/prefix-list-change.js';
import type { Rule } from '../core/model/rule.js';
import type { RuleSelection } from '../core/model/selection.js';
import type { Trigger } from '../core/model/trigger.js';
import type { RuleEvaluation } from '../core/policy/evaluate.js';
import { decideRemediation } from '../core/remediation/decide.js';
import type { GuardFacts } from '../core/remediation/facts.js';
import type { RuleOutcome } from '../core/remediation/outcome.js';
import type { Deps } from '../deps.js';
import { actUnlessReporting } from './act.js';
import { createEicListCache } from './eic-list-cache.js';
import { enrichHostExposure } from './enrich-host-exposure.js';
import { executePlan } from './execute-plan.js';
import { gatherFacts } from './gather.js';
import { publishFindings } from './publish-findings.js';
import { readStacks } from './read-stacks.js';
import { escalateRepeats } from './record-openings.js';
import { outcomeWithoutActing } from './step-outcome.js';
import { buildUnreadableFinding } from './unreadable-finding.js';

export interface GuardInput {
  readonly trigger: Trigger;
  readonly selection: RuleSelection;
  /** Findings the adapter already has (EMR cluster state, Block Public Access...), published with the rest. */
  readonly extraFindings?: readonly Finding[];
  readonly emr?: FindingContext['emr'];
  /** Prefix list edits the event reported: a list read older than its edit is retried, never patched. */
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

/** The one pipeline every trigger feeds: gather, decide, act, report. */
export async function runGuard(input: GuardInput, config: Config, deps: Deps): Promise<GuardSummary> {
  const summary = await guardWithoutPublishing(input, config, deps);
  // Host posture (opt-in): the instances behind each finding's group, read only when there are findings.
  const findings =
    deps.hostFor && config.hostPosture?.enabled
      ? await enrichHostExposure(summary.findings, deps.hostFor(input.trigger.region), config.hostPosture)
      : summary.findings;
  const published = await publishFindings(findings, deps.publisher);
  return { ...summary, findings, published };
}

/**
 * The pipeline up to the findings, for callers that publish differently: the sweep sends each
 * region's findings as that region finishes plus one summary, and the scan CLI prints them.
 * Gather, decide, act: every read first, one pure decision, then the plan carried out (or, in
 * report mode, skipped).
 */
export async function guardWithoutPublishing(
  input: GuardInput,
  config: PolicySettings,
  deps: Deps,
): Promise<Omit<GuardSummary, 'published'>> {
  const { trigger } = input;
  const ec2 = deps.ec2For(trigger.region);
  const now = deps.now();
  const { facts, groups } = await gatherFacts(
    input.selection,
    input.prefixListChanges ?? [],
    trigger.region,
    config,
    now,
    { ec2, eicLists: deps.eicLists ?? createEicListCache() },
  );
  const { evaluations, steps } = decideRemediation(facts, config, now);
  const acted = await actUnlessReporting(
    config.mode,
    steps,
    (plan) => executePlan(plan, ec2),
    (plan) => plan.map(outcomeWithoutActing),
  );
  // Infrastructure as code: which stack re-applies the rule, and how often it was opened lately.
  // Both read only for violations the event itself opened, so a compliant event still costs no call
  // and a rule the guard found by reading a whole group is never charged to the event's caller.
  const opened = rulesOpenedBy(input.selection, facts);
  const openedByEvent = (o: RuleOutcome) => opened.has(o.evaluation.rule);
  const [outcomes, stacks] = await Promise.all([
    escalateRepeats(acted, trigger, config.repeat.windowHours, deps.openings, openedByEvent),
    readStacks(acted.filter(openedByEvent), trigger, ec2),
  ]);
  const context: FindingContext = {
    trigger,
    mode: config.mode,
    now,
    groupInfo: groups,
    ...(input.emr ? { emr: input.emr } : {}),
    ...(stacks.size > 0 ? { stacks } : {}),
    openedByEvent: (rule) => opened.has(rule),
  };
  const unreadable = input.selection.unreadable ?? [];
  const findings = [
    ...(input.extraFindings ?? []),
    ...outcomes.map((o) => buildRuleFinding(o, context)),
    ...(unreadable.length > 0 ? [buildUnreadableFinding(trigger, unreadable, config.mode, now)] : []),
  ];
  const judged = [...facts.rules, ...facts.missing];
  return {
    eventId: trigger.eventId,
    trigger: trigger.eventName,
    region: trigger.region,
    groups: [...new Set(judged.flatMap((r) => (r.groupId ? [r.groupId] : [])))],
    rulesEvaluated: evaluations.length,
    violations: evaluations.filter((e) => e.verdict === 'world-open').length,
    verdicts: countBy(evaluations.map((e) => e.verdict)),
    actions: countBy(outcomes.map((o) => o.action)),
    findings,
    evaluations,
  };
}

/**
 * The rules the event itself created or changed: those it carried (its rule set, the rule ids it
 * modified, the permissions it asked for). A selection of whole groups (a prefix-list edit or rollback,
 * an EMR cluster, a record CloudTrail cut short, a sweep) finds rules that were open before the call,
 * and so do the held rules a group sum adds; none of those was opened by this caller.
 */
function rulesOpenedBy(selection: RuleSelection, facts: GuardFacts): ReadonlySet<Rule> {
  if (selection.kind === 'groups' || (selection.kind === 'rules' && selection.wholeGroups)) return new Set();
  return new Set<Rule>([...facts.rules, ...facts.missing]);
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
