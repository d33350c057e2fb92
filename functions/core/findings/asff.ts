import type { Severity } from '../policy/checks/check.js';
import type { ActionTaken, Finding } from './finding.js';

/**
 * A finding in the AWS Security Finding Format, for Security Hub's BatchImportFindings. Pure: the
 * adapter adds nothing but the call. The finding id is the guard's own stable `findingId`, so a
 * redelivered event updates the Security Hub finding instead of adding a second one.
 */

export const ASFF_SCHEMA_VERSION = '2018-10-08';

/** ASFF length limits (Security Hub API reference, AwsSecurityFinding); longer text is cut. */
export const ASFF_LIMITS = {
  title: 256,
  description: 1024,
  recommendationText: 512,
  productFieldValue: 2048,
} as const;

export type AsffSeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type AsffComplianceStatus = 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE';
export type AsffWorkflowStatus = 'NEW' | 'NOTIFIED' | 'RESOLVED' | 'SUPPRESSED';

export interface AsffResource {
  readonly Type: string;
  readonly Id: string;
  readonly Partition: string;
  readonly Region: string;
  readonly Details?: {
    readonly AwsEc2SecurityGroup?: {
      readonly GroupId?: string;
      readonly GroupName?: string;
      readonly VpcId?: string;
    };
    readonly Other?: Readonly<Record<string, string>>;
  };
}

export interface AsffFinding {
  readonly SchemaVersion: string;
  readonly Id: string;
  readonly ProductArn: string;
  readonly GeneratorId: string;
  readonly AwsAccountId: string;
  readonly Types: readonly string[];
  readonly CreatedAt: string;
  readonly UpdatedAt: string;
  readonly FirstObservedAt: string;
  readonly Severity: { readonly Label: AsffSeverityLabel; readonly Original: string };
  readonly Title: string;
  readonly Description: string;
  readonly Remediation: { readonly Recommendation: { readonly Text: string; readonly Url?: string } };
  readonly SourceUrl?: string;
  readonly ProductFields: Readonly<Record<string, string>>;
  readonly Resources: readonly AsffResource[];
  readonly Compliance: { readonly Status: AsffComplianceStatus };
  readonly Workflow: { readonly Status: AsffWorkflowStatus };
  readonly RecordState: 'ACTIVE';
}

/** Where the findings are imported: the importing account's default product in its home region. */
export interface AsffTarget {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

const SEVERITY_LABELS: Record<Severity, AsffSeverityLabel> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFORMATIONAL',
};

/**
 * What the action means for the resource now: remediated rules pass and the finding is resolved;
 * rules left open (report mode, a failed revoke, a review) fail and wait for a person; exempted rules
 * are a warning the security team chose to accept.
 */
const STATUS_BY_ACTION: Record<ActionTaken, [AsffComplianceStatus, AsffWorkflowStatus]> = {
  revoked: ['PASSED', 'RESOLVED'],
  narrowed: ['PASSED', 'RESOLVED'],
  replaced: ['PASSED', 'RESOLVED'],
  'already-gone': ['PASSED', 'RESOLVED'],
  'would-revoke': ['FAILED', 'NEW'],
  failed: ['FAILED', 'NEW'],
  review: ['FAILED', 'NEW'],
  exempted: ['WARNING', 'SUPPRESSED'],
  reported: ['NOT_AVAILABLE', 'NEW'],
};

export const ASFF_TYPE = 'Software and Configuration Checks/AWS Security Best Practices/Network Reachability';

export const productArnOf = (t: AsffTarget): string =>
  `arn:${t.partition}:securityhub:${t.region}:${t.account}:product/${t.account}/default`;

export function toAsffFinding(finding: Finding, target: AsffTarget): AsffFinding {
  const [compliance, workflow] = STATUS_BY_ACTION[finding.action.type];
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: finding.findingId,
    ProductArn: productArnOf(target),
    GeneratorId: `ssh-ingress-guard/${finding.checkId}`,
    AwsAccountId: finding.account,
    Types: [ASFF_TYPE],
    // The event's time, not the clock: a redelivered event sends the same CreatedAt.
    CreatedAt: finding.trigger.eventTime,
    FirstObservedAt: finding.trigger.eventTime,
    UpdatedAt: finding.observedAt,
    Severity: { Label: SEVERITY_LABELS[finding.severity], Original: finding.severity },
    Title: cut(`${finding.title}: ${finding.action.type}`, ASFF_LIMITS.title),
    Description: cut(describeFinding(finding), ASFF_LIMITS.description),
    Remediation: {
      Recommendation: {
        Text: cutAtSentence(finding.guidance, ASFF_LIMITS.recommendationText),
        ...(finding.consoleUrl ? { Url: finding.consoleUrl } : {}),
      },
    },
    ...(finding.consoleUrl ? { SourceUrl: finding.consoleUrl } : {}),
    ProductFields: productFieldsOf(finding),
    Resources: resourcesOf(finding, target.partition),
    Compliance: { Status: compliance },
    Workflow: { Status: workflow },
    RecordState: 'ACTIVE',
  };
}

function describeFinding(f: Finding): string {
  const t = f.trigger;
  const who =
    t.kind === 'schedule' || t.kind === 'scan'
      ? `Found by the ${t.kind === 'schedule' ? 'scheduled sweep' : 'scan'} at ${t.eventTime}.`
      : `By ${t.actorArn ?? 'an unknown principal'}${t.sourceIp ? ` from ${t.sourceIp}` : ''} (${t.eventName} at ${t.eventTime}).`;
  const error = f.action.error ? ` Error: ${f.action.error.code}: ${f.action.error.message}.` : '';
  return `${f.summary}. ${who} Action: ${f.action.type} (mode ${f.action.mode}).${error}`;
}

function productFieldsOf(f: Finding): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    'ssh-ingress-guard/findingId': f.findingId,
    'ssh-ingress-guard/checkId': f.checkId,
    'ssh-ingress-guard/action': f.action.type,
    'ssh-ingress-guard/mode': f.action.mode,
    'ssh-ingress-guard/trigger': f.trigger.eventName,
    'ssh-ingress-guard/eventId': f.trigger.eventId,
    'ssh-ingress-guard/actorArn': f.trigger.actorArn,
    'ssh-ingress-guard/sourceIp': f.trigger.sourceIp,
    'ssh-ingress-guard/ruleId': f.resource.ruleId,
    'ssh-ingress-guard/source': f.resource.source,
    'ssh-ingress-guard/errorCode': f.action.error?.code,
  };
  return Object.fromEntries(
    Object.entries(fields).flatMap(([k, v]) => (v ? [[k, cut(v, ASFF_LIMITS.productFieldValue)]] : [])),
  );
}

/** The security group, the rule (by its ARN) and the EMR cluster: what Security Hub groups and filters by. */
function resourcesOf(f: Finding, partition: string): AsffResource[] {
  const r = f.resource;
  const at = { Partition: partition, Region: f.region };
  const arn = (service: string, path: string) =>
    `arn:${partition}:${service}:${f.region}:${f.account}:${path}`;
  const group: AsffResource[] = r.groupId
    ? [
        {
          Type: 'AwsEc2SecurityGroup',
          Id: arn('ec2', `security-group/${r.groupId}`),
          ...at,
          Details: {
            AwsEc2SecurityGroup: {
              GroupId: r.groupId,
              ...(r.groupName ? { GroupName: r.groupName } : {}),
              ...(r.vpcId ? { VpcId: r.vpcId } : {}),
            },
          },
        },
      ]
    : [];
  const rule: AsffResource[] = r.ruleId
    ? [{ Type: 'Other', Id: arn('ec2', `security-group-rule/${r.ruleId}`), ...at }]
    : [];
  const emr: AsffResource[] = r.emr
    ? [
        {
          Type: 'Other',
          Id: arn('elasticmapreduce', `cluster/${r.emr.clusterId}`),
          ...at,
          ...(r.emr.clusterName ? { Details: { Other: { clusterName: r.emr.clusterName } } } : {}),
        },
      ]
    : [];
  const all = [...group, ...rule, ...emr];
  // A finding about an event, a region or the account names the account itself.
  return all.length > 0 ? all : [{ Type: 'AwsAccount', Id: `AWS::::Account:${f.account}`, ...at }];
}

/** Whole sentences when they fit (the console link carries the rest), else a plain cut. */
function cutAtSentence(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = text.lastIndexOf('. ', max - 1);
  return end > 0 ? text.slice(0, end + 1) : cut(text, max);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
