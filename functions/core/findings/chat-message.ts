import type { Finding } from './finding.js';

/**
 * The custom notification format of Amazon Q Developer in chat applications (AWS Chatbot): Slack and
 * Microsoft Teams channels subscribed to a topic show it as a formatted card. Chatbot drops any other
 * body without a word, so the hub topic carries this under the `https` key of the message, the key
 * SNS delivers to HTTPS subscribers such as Chatbot; email and machine subscribers keep theirs.
 */

export interface ChatNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly id: string;
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps: readonly string[];
    readonly keywords: readonly string[];
  };
  readonly metadata: {
    readonly threadId: string;
    readonly summary: string;
    readonly eventType: string;
    readonly relatedResources: readonly string[];
    readonly additionalContext: Readonly<Record<string, string>>;
  };
}

/** Findings listed in one card; the rest are counted (the email and the JSON document carry all). */
const CHAT_FINDINGS = 3;
const ICONS: Record<string, string> = {
  critical: ':rotating_light:',
  high: ':red_circle:',
  medium: ':large_orange_circle:',
  low: ':large_blue_circle:',
  info: ':information_source:',
};

export function toChatNotification(findings: readonly Finding[], subject: string): ChatNotification {
  const head = findings[0] as Finding;
  const shown = findings.slice(0, CHAT_FINDINGS);
  const more = findings.length - shown.length;
  const groups = [...new Set(findings.flatMap((f) => (f.resource.groupId ? [f.resource.groupId] : [])))];
  return {
    version: '1.0',
    source: 'custom',
    id: head.findingId,
    content: {
      textType: 'client-markdown',
      title: `${ICONS[head.severity] ?? ''} ${subject.replace(/^\[ssh-ingress-guard\] /, '')}`.trim(),
      description: [
        ...shown.flatMap(describeFinding),
        ...(more > 0 ? [`_...and ${more} more findings (see the email or the JSON document)._`] : []),
      ]
        .join('\n')
        .trimEnd(),
      nextSteps: [...new Set(shown.map((f) => f.guidance))],
      keywords: [head.severity, head.action.type, head.account, head.region],
    },
    metadata: {
      // One thread per group and account, so a redelivered or re-swept rule lands under the first card.
      threadId: `ssh-ingress-guard-${head.account}-${groups[0] ?? head.trigger.eventId}`,
      summary: subject,
      eventType: head.checkId,
      relatedResources: groups,
      additionalContext: {
        account: head.account,
        region: head.region,
        findingIds: findings.map((f) => f.findingId).join(','),
      },
    },
  };
}

/** Who, what, where and the action, then the console link: what a reader triages by. */
function describeFinding(f: Finding): string[] {
  const t = f.trigger;
  const who =
    t.kind === 'schedule'
      ? `found by the scheduled sweep at ${t.eventTime}`
      : t.kind === 'scan'
        ? `found by a scan at ${t.eventTime}`
        : `by \`${t.actorArn ?? 'unknown principal'}\`${t.sourceIp ? ` from ${t.sourceIp}` : ''} (${t.eventName}, ${t.eventTime})`;
  return [
    `*${f.action.type.toUpperCase()}* [${f.severity}] ${f.summary}`,
    `*Who:* ${who}`,
    `*Where:* account ${f.account}, ${f.region}${f.resource.emr ? `, EMR cluster ${f.resource.emr.clusterId}` : ''}`,
    ...(f.action.error ? [`*Error:* ${f.action.error.code}: ${f.action.error.message}`] : []),
    ...(f.action.note ? [`*Note:* ${f.action.note}`] : []),
    ...(f.consoleUrl ? [`<${f.consoleUrl}|Open the security group in the console>`] : []),
    '',
  ];
}

/**
 * The hub topic's message: the local one plus an `https` part in the chat format. SNS gives each
 * protocol its own key (`email` to email, `https` to HTTPS endpoints, `default` to the rest: SQS,
 * Lambda, Firehose), so the email text and the JSON document reach their readers unchanged.
 */
export function addChatPart<M extends { readonly message: string; readonly subject: string }>(
  message: M,
  findings: readonly Finding[],
): M {
  const body = JSON.parse(message.message) as Record<string, string>;
  const chat = JSON.stringify(toChatNotification(findings, message.subject));
  return { ...message, message: JSON.stringify({ ...body, https: chat }) };
}
