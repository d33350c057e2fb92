import { describePorts, describeSource, type Rule, ruleContentKey } from '../model/rule.js';
import type { Trigger } from '../model/trigger.js';
import type { Severity } from '../policy/checks/check.js';
import type { RuleOutcome } from '../remediation/outcome.js';
import type { Finding, FindingAction, FindingResource, FindingTrigger, StackRef } from './finding.js';
import { SCHEMA_VERSION } from './finding.js';
import { expiredExemptionNote, guidanceFor } from './guidance.js';
import { reappliedBy } from './infrastructure-as-code.js';
import { sha256Hex } from './sha256.js';

export type { RuleOutcome } from '../remediation/outcome.js';
export { guidanceFor } from './guidance.js';

/** Same event and same rule give the same id, so a redelivered event is recognisable downstream. */
export function findingIdOf(checkId: string, trigger: Trigger, subject: string): string {
  const digest = sha256Hex([checkId, trigger.account, trigger.region, trigger.eventId, subject].join('\n'));
  return `sig-${digest.slice(0, 32)}`;
}

export function toFindingTrigger(trigger: Trigger): FindingTrigger {
  const actor = trigger.actor;
  // The flat fields carry who; `actor` adds only what they do not (account, role behind a session, MFA).
  const extra = {
    ...(actor?.accountId ? { accountId: actor.accountId } : {}),
    ...(actor?.sessionIssuerArn ? { sessionIssuerArn: actor.sessionIssuerArn } : {}),
    ...(actor?.mfaAuthenticated !== undefined ? { mfaAuthenticated: actor.mfaAuthenticated } : {}),
  };
  return {
    kind: trigger.kind,
    eventName: trigger.eventName,
    eventId: trigger.eventId,
    eventTime: trigger.eventTime,
    ...(actor?.arn ? { actorArn: actor.arn } : {}),
    ...(actor?.principalType ? { principalType: actor.principalType } : {}),
    ...(actor?.principalId ? { principalId: actor.principalId } : {}),
    ...(trigger.sourceIp ? { sourceIp: trigger.sourceIp } : {}),
    ...(trigger.userAgent ? { userAgent: trigger.userAgent } : {}),
    ...(actor?.invokedBy ? { invokedBy: actor.invokedBy } : {}),
    ...(Object.keys(extra).length > 0 ? { actor: extra } : {}),
  };
}

export function consoleUrlFor(region: string, groupId: string | undefined): string | undefined {
  if (!groupId) return undefined;
  return `https://${region}.console.aws.amazon.com/ec2/home?region=${region}#SecurityGroup:groupId=${groupId}`;
}

export interface FindingContext {
  readonly trigger: Trigger;
  readonly mode: string;
  readonly now: Date;
  readonly groupInfo?: ReadonlyMap<string, { readonly groupName?: string; readonly vpcId?: string }>;
  readonly emr?: ReadonlyMap<string, NonNullable<FindingResource['emr']>>;
  /** The CloudFormation stack owning each group, read only for violations CloudFormation made. */
  readonly stacks?: ReadonlyMap<string, StackRef>;
  /**
   * Whether the event's caller opened this rule (it was among the rules the event carried). Only
   * those are said to be opened by the caller's tool; absent, every rule is (a test's single event).
   */
  readonly openedByEvent?: (rule: Rule) => boolean;
}

export function buildRuleFinding(outcome: RuleOutcome, ctx: FindingContext): Finding {
  const { evaluation } = outcome;
  const { rule } = evaluation;
  const { check } = evaluation;
  const groupId = rule.groupId;
  const info = groupId ? ctx.groupInfo?.get(groupId) : undefined;
  const emr = groupId ? ctx.emr?.get(groupId) : undefined;
  const resource: FindingResource = {
    type: 'security-group-rule',
    ...(groupId ? { groupId } : {}),
    ...((rule.groupName ?? info?.groupName) ? { groupName: rule.groupName ?? info?.groupName } : {}),
    ...(info?.vpcId ? { vpcId: info.vpcId } : {}),
    ...(rule.ruleId ? { ruleId: rule.ruleId } : {}),
    protocol: rule.protocol,
    ports: { from: rule.ports.from, to: rule.ports.to },
    source: describeSource(rule.source),
    ...(evaluation.classification ? { sourceClass: evaluation.classification.sourceClass } : {}),
    ...(rule.description ? { description: rule.description } : {}),
    ...(emr ? { emr } : {}),
    ...(evaluation.details ? { details: evaluation.details } : {}),
  };
  const exemption = evaluation.exemption;
  const reapplied =
    (ctx.openedByEvent?.(rule) ?? true)
      ? reappliedBy(outcome, ctx.trigger, groupId ? ctx.stacks?.get(groupId) : undefined)
      : undefined;
  const note = [noteFor(outcome), reapplied?.note].filter(Boolean).join('; ') || undefined;
  const action: FindingAction = {
    type: outcome.action,
    mode: ctx.mode,
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(note ? { note } : {}),
    ...(outcome.changes ? { changes: outcome.changes } : {}),
    ...(exemption
      ? {
          exemption: {
            status: exemption.status,
            origin: exemption.origin,
            reason: exemption.reason,
            ...(exemption.expires ? { expires: exemption.expires } : {}),
            ...(exemption.approvedBy ? { approvedBy: exemption.approvedBy } : {}),
            ...(exemption.cidr ? { cidr: exemption.cidr } : {}),
          },
        }
      : {}),
  };
  const consoleUrl = consoleUrlFor(ctx.trigger.region, groupId);
  return {
    schemaVersion: SCHEMA_VERSION,
    findingId: findingIdOf(check.id, ctx.trigger, rule.ruleId ?? ruleContentKey(rule)),
    checkId: check.id,
    severity: severityOf(outcome, evaluation.severity),
    title: check.title,
    summary: `${describePorts(rule)} from ${describeSource(rule.source)} on ${groupId ?? rule.groupName}: ${evaluation.reason}`,
    account: ctx.trigger.account,
    region: ctx.trigger.region,
    observedAt: ctx.now.toISOString(),
    resource,
    trigger: { ...toFindingTrigger(ctx.trigger), ...(reapplied ? { tool: reapplied.tool } : {}) },
    action,
    guidance: guidanceFor(outcome),
    ...(consoleUrl ? { consoleUrl } : {}),
  };
}

function severityOf(outcome: RuleOutcome, checkSeverity: Severity): Severity {
  if (outcome.action === 'failed') return 'critical';
  if (outcome.action === 'exempted') return 'low';
  return checkSeverity;
}

function noteFor(outcome: RuleOutcome): string | undefined {
  const parts = [outcome.note, expiredExemptionNote(outcome.evaluation.exemption)];
  if (outcome.evaluation.exemption?.origin === 'tag' && outcome.action === 'exempted') {
    parts.push('exempted by a group tag, which whoever can tag the group controls (HONOR_EXEMPT_TAG is on)');
  }
  const text = parts.filter(Boolean).join('; ');
  return text || undefined;
}
