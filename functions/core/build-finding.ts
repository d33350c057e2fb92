import { createHash } from 'node:crypto';
import type { Severity } from './checks/check.js';
import type { RuleEvaluation } from './evaluate.js';
import type { ActionTaken, Finding, FindingAction, FindingResource, FindingTrigger } from './finding.js';
import { SCHEMA_VERSION } from './finding.js';
import { describePorts, describeSource, ruleContentKey } from './rule.js';
import type { Trigger } from './trigger.js';

/** Same event and same rule give the same id, so a redelivered event is recognisable downstream. */
export function findingIdOf(checkId: string, trigger: Trigger, subject: string): string {
  const digest = createHash('sha256')
    .update([checkId, trigger.account, trigger.region, trigger.eventId, subject].join('\n'))
    .digest('hex');
  return `sig-${digest.slice(0, 32)}`;
}

export function toFindingTrigger(trigger: Trigger): FindingTrigger {
  const actor = trigger.actor;
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
    ...(actor ? { actor } : {}),
  };
}

export function consoleUrlFor(region: string, groupId: string | undefined): string | undefined {
  if (!groupId) return undefined;
  return `https://${region}.console.aws.amazon.com/ec2/home?region=${region}#SecurityGroup:groupId=${groupId}`;
}

export interface RuleOutcome {
  readonly evaluation: RuleEvaluation;
  readonly action: ActionTaken;
  readonly error?: { readonly code: string; readonly message: string };
  readonly note?: string;
}

export interface FindingContext {
  readonly trigger: Trigger;
  readonly mode: string;
  readonly now: Date;
  readonly groupInfo?: ReadonlyMap<string, { readonly groupName?: string; readonly vpcId?: string }>;
  readonly emr?: ReadonlyMap<string, NonNullable<FindingResource['emr']>>;
}

const TITLES: Record<string, string> = {
  'ssh-world-open': 'SSH open to the internet',
  'ssh-public-source': 'SSH open to an untrusted public source',
  'ssh-aggregate-world-open': 'SSH open to the internet through several rules together',
};

export function buildRuleFinding(outcome: RuleOutcome, ctx: FindingContext): Finding {
  const { evaluation } = outcome;
  const { rule } = evaluation;
  const checkId = evaluation.checkId ?? 'ssh-world-open';
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
  const action: FindingAction = {
    type: outcome.action,
    mode: ctx.mode,
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(noteFor(outcome) ? { note: noteFor(outcome) } : {}),
    ...(exemption
      ? {
          exemption: {
            status: exemption.status,
            reason: exemption.exemption.reason,
            expires: exemption.exemption.expires,
            ...(exemption.exemption.approvedBy ? { approvedBy: exemption.exemption.approvedBy } : {}),
          },
        }
      : {}),
  };
  const consoleUrl = consoleUrlFor(ctx.trigger.region, groupId);
  return {
    schemaVersion: SCHEMA_VERSION,
    findingId: findingIdOf(checkId, ctx.trigger, rule.ruleId ?? ruleContentKey(rule)),
    checkId,
    severity: severityOf(outcome, evaluation.severity ?? 'high'),
    title: TITLES[checkId] ?? checkId,
    summary: `${describePorts(rule)} from ${describeSource(rule.source)} on ${groupId ?? rule.groupName}: ${evaluation.reason}`,
    account: ctx.trigger.account,
    region: ctx.trigger.region,
    observedAt: ctx.now.toISOString(),
    resource,
    trigger: toFindingTrigger(ctx.trigger),
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
  const parts = [outcome.note];
  const exemption = outcome.evaluation.exemption;
  if (exemption?.status === 'expired') {
    parts.push(
      `exemption for ${exemption.exemption.groupId} expired on ${exemption.exemption.expires} and no longer applies`,
    );
  }
  const text = parts.filter(Boolean).join('; ');
  return text || undefined;
}

const SAFE_PATHS =
  "Connect with EC2 Instance Connect (allow the region's com.amazonaws.<region>.ec2-instance-connect prefix list) or AWS Systems Manager Session Manager (no inbound port), or allow only a trusted CIDR such as your VPN egress range.";

export function guidanceFor(outcome: RuleOutcome): string {
  switch (outcome.action) {
    case 'revoked':
      return `The rule was removed because it exposed SSH to the internet. ${SAFE_PATHS}`;
    case 'already-gone':
      return `The rule had already been removed when the guard acted; nothing more to do. ${SAFE_PATHS}`;
    case 'would-revoke':
      return `The guard runs in report mode and changed nothing; in revoke mode this rule would be removed. ${SAFE_PATHS}`;
    case 'failed':
      return `The guard could NOT remove this rule (${outcome.error?.code ?? 'unknown error'}): SSH is still exposed. Remove it by hand now and check the guard's permissions (an SCP or permission boundary may deny ec2:RevokeSecurityGroupIngress).`;
    case 'exempted':
      return 'The rule is covered by an exemption approved by the security team; it stays until the exemption expires.';
    case 'review':
      return `SSH is reachable from a public source that is not on the trusted list. If the source is yours, ask the security team to add it to the trusted CIDRs; otherwise remove the rule. ${SAFE_PATHS}`;
    default:
      return SAFE_PATHS;
  }
}
