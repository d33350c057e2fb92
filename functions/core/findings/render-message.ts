import type { Severity } from '../policy/checks/check.js';
import type { ActionTaken, Finding, FindingMessage } from './finding.js';
import { SCHEMA_VERSION } from './finding.js';
import { cutLargestPart } from './fit-finding.js';
import { portsText } from './ports-text.js';

/** SNS allows 256 KiB per message including attributes; stay well under it. */
export const MAX_MESSAGE_BYTES = 240 * 1024;
const MAX_SUBJECT = 100;
const EMAIL_LINES = 20;

export interface OutboundMessage {
  readonly subject: string;
  /** `MessageStructure: json` body: `default` for machines, `email` for people. */
  readonly message: string;
  readonly attributes: Readonly<Record<'severity' | 'action' | 'account' | 'region' | 'trigger', string>>;
  readonly findingIds: readonly string[];
}

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
/** The action a reader must see first when one message carries several. */
const ACTION_ORDER: readonly ActionTaken[] = [
  'failed',
  'revoked',
  'narrowed',
  'replaced',
  'would-revoke',
  'already-gone',
  'review',
  'exempted',
  'reported',
];

function first<T>(order: readonly T[], values: readonly T[]): T {
  return order.find((v) => values.includes(v)) ?? (values[0] as T);
}

/** Renders one handled event's findings as SNS messages: one, unless they exceed SNS limits. */
export function renderMessages(findings: readonly Finding[]): OutboundMessage[] {
  if (findings.length === 0) return [];
  const groups = chunk(findings);
  return groups.map((group, index) => render(group, index, groups.length));
}

/**
 * Parts that fit SNS, in order. Each finding's share of a message (escaped inside `default`) is
 * measured once and findings are packed greedily, leaving room for the email text; then each part
 * is measured as it will be sent and halved if the estimate fell short. A sweep's thousands of
 * findings are rendered about twice, not once per halving level.
 */
function chunk(findings: readonly Finding[]): Finding[][] {
  const parts: Finding[][] = [];
  let current: Finding[] = [];
  let size = 0;
  for (const finding of findings) {
    const cost = byteLength(JSON.stringify(JSON.stringify(finding)));
    if (current.length > 0 && size + cost > PACKING_BUDGET) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(finding);
    size += cost;
  }
  parts.push(current);
  return parts.flatMap(halveUntilFits);
}

/** Room left for the email text (at most EMAIL_LINES findings of a few lines) and the envelope. */
const PACKING_BUDGET = MAX_MESSAGE_BYTES - 48 * 1024;

function halveUntilFits(findings: readonly Finding[]): Finding[][] {
  if (sizeOf(render(findings, 0, 1)) <= MAX_MESSAGE_BYTES) return [[...findings]];
  if (findings.length === 1) return [[fitAlone(findings[0] as Finding)]];
  const half = Math.ceil(findings.length / 2);
  return [...halveUntilFits(findings.slice(0, half)), ...halveUntilFits(findings.slice(half))];
}

/** A finding too large for a message of its own is cut, largest part first, until it fits. */
function fitAlone(finding: Finding): Finding {
  let fitted = finding;
  for (
    let size = sizeOf(render([fitted], 0, 1));
    size > MAX_MESSAGE_BYTES;
    size = sizeOf(render([fitted], 0, 1))
  ) {
    // Cut in proportion to the overshoot (with room to spare), so a huge text fits in a round or two.
    const cut = cutLargestPart(fitted, (0.9 * MAX_MESSAGE_BYTES) / size);
    if (!cut) break;
    fitted = cut;
  }
  return fitted;
}

/** What SNS counts against its limit: the body, the subject and every attribute. */
function sizeOf(message: OutboundMessage): number {
  const attributes = Object.entries(message.attributes).reduce(
    (n, [k, v]) => n + byteLength(k) + byteLength(v),
    0,
  );
  return byteLength(message.message) + byteLength(message.subject) + attributes;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function render(findings: readonly Finding[], index: number, count: number): OutboundMessage {
  const document: FindingMessage = {
    schemaVersion: SCHEMA_VERSION,
    product: 'ssh-ingress-guard',
    part: { index: index + 1, count },
    findings,
  };
  const head = findings[0] as Finding;
  const severity = first(
    SEVERITY_ORDER,
    findings.map((f) => f.severity),
  );
  const action = first(
    ACTION_ORDER,
    findings.map((f) => f.action.type),
  );
  const part = count > 1 ? ` (part ${index + 1}/${count})` : '';
  return {
    subject: subjectFor(findings, action) + part,
    message: JSON.stringify({ default: JSON.stringify(document), email: emailFor(findings, part) }),
    attributes: {
      severity,
      action,
      account: head.account,
      region: head.region,
      trigger: head.trigger.eventName,
    },
    findingIds: findings.map((f) => f.findingId),
  };
}

/** e.g. `[ssh-ingress-guard] REVOKED tcp/22 from 0.0.0.0/0 on sg-0abc (123456789012/eu-west-1)`. */
export function subjectFor(findings: readonly Finding[], action: ActionTaken): string {
  const head = findings[0] as Finding;
  const where = `(${head.account}/${head.region})`;
  const verb = action.toUpperCase();
  const r = head.resource;
  const what =
    findings.length === 1 && r.type === 'security-group-rule'
      ? `${portsText(r) ?? 'all traffic'} from ${r.source} on ${r.groupId ?? r.groupName ?? '?'}`
      : findings.length === 1
        ? head.title
        : findingsOn(findings);
  // The product tag goes first when space runs short: the topic's display name names the sender anyway,
  // while the group, account and region are what a reader triages by.
  const full = `[ssh-ingress-guard] ${verb} ${what} ${where}`;
  return toSubject(full.length <= MAX_SUBJECT ? full : `${verb} ${what} ${where}`);
}

/** `3 findings on sg-a, sg-b`: the groups a reader triages by; other resources only when there are none. */
function findingsOn(findings: readonly Finding[]): string {
  const groups = [...new Set(findings.flatMap((f) => (f.resource.groupId ? [f.resource.groupId] : [])))];
  const named = groups.length > 0 ? groups : [...new Set(findings.map((f) => f.resource.type))];
  return `${findings.length} findings on ${named.slice(0, 2).join(', ')}${named.length > 2 ? ', ...' : ''}`;
}

/** SNS subjects: printable ASCII, no line breaks, at most 100 characters. */
function toSubject(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length <= MAX_SUBJECT ? clean : `${clean.slice(0, MAX_SUBJECT - 3)}...`;
}

/** e.g. `, EMR cluster j-2AX (nightly-etl), master group, Block Public Access on, permitted public ports: 22`. */
function emrText(f: Finding): string {
  const emr = f.resource.emr;
  if (!emr) return '';
  return [
    `, EMR cluster ${emr.clusterId}${emr.clusterName ? ` (${emr.clusterName})` : ''}`,
    ...(emr.role ? [`${emr.role} group`] : []),
    ...(emr.blockPublicAccess ? [`Block Public Access ${emr.blockPublicAccess}`] : []),
  ].join(', ');
}

function emailFor(findings: readonly Finding[], part: string): string {
  const lines = findings
    .slice(0, EMAIL_LINES)
    .flatMap((f) => [
      `${f.action.type.toUpperCase()} [${f.severity}] ${f.summary}`,
      `  account ${f.account}, region ${f.region}${emrText(f)}`,
      whoText(f),
      ...(f.action.error ? [`  error: ${f.action.error.code}: ${f.action.error.message}`] : []),
      ...(f.action.note ? [`  note: ${f.action.note}`] : []),
      `  what to do: ${f.guidance}`,
      ...(f.consoleUrl ? [`  ${f.consoleUrl}`] : []),
      '',
    ]);
  if (findings.length > EMAIL_LINES)
    lines.push(`... and ${findings.length - EMAIL_LINES} more findings in this message.`);
  return [`ssh-ingress-guard${part}`, '', ...lines].join('\n');
}

/** Who made the change; a sweep or scan found the rule, it did not see who made it. */
function whoText(f: Finding): string {
  const { trigger } = f;
  if (trigger.kind === 'schedule') return `  found by the scheduled sweep (${trigger.eventTime})`;
  if (trigger.kind === 'scan') return `  found by ssh-ingress-guard scan (${trigger.eventTime})`;
  const from = trigger.sourceIp ? ` from ${trigger.sourceIp}` : '';
  return `  by ${trigger.actorArn ?? 'unknown principal'}${from} (${trigger.eventName} ${trigger.eventTime})`;
}
