import { type TamperEvent, type TamperVerdict, text } from './tamper-event.js';

/** Forwarder rules in other regions carry this prefix (scripts/gen-forwarder.ts). */
const FORWARDER_PREFIX = 'ssh-ingress-guard-forward';

const alert = (
  path: 'rule' | 'function' | 'topic',
  target: string,
  what: string,
  blindSpot: string,
): TamperVerdict => ({ status: 'alert', path, target, what, blindSpot });

/** The guard's own EventBridge rules, here or (forwarders) in other regions. */
export function judgeRule(event: TamperEvent): TamperVerdict {
  const name = text(event.request.name) ?? text(event.request.rule) ?? 'unknown rule';
  const lost = name.startsWith(FORWARDER_PREFIX)
    ? `events of ${event.region}: this rule forwards them to the guard's home region, so security group changes there go unseen until the next sweep`
    : `the events this rule delivers: the changes it matches are no longer judged as they happen`;
  const what: Record<string, string> = {
    DisableRule: `disabled the rule ${name}`,
    DeleteRule: `deleted the rule ${name}`,
    RemoveTargets: `removed the targets of the rule ${name}`,
    PutTargets: `replaced the targets of the rule ${name}`,
    PutRule:
      event.request.state === 'DISABLED'
        ? `disabled the rule ${name} (PutRule)`
        : `rewrote the rule ${name}: its pattern may no longer match`,
  };
  return alert('rule', name, what[event.eventName] ?? `${event.eventName} on the rule ${name}`, lost);
}

/** Lambda records name the function by name or ARN; the name is the part after `function:`. */
const functionName = (v: unknown) => (text(v) ?? 'unknown function').replace(/^.*:function:([^:]+).*$/, '$1');

export function judgeFunction(event: TamperEvent): TamperVerdict {
  const name = functionName(event.request.functionName);
  const cases: Record<string, [string, string]> = {
    DeleteFunction20150331: [
      `deleted the function ${name}`,
      'everything this function judged: it no longer exists',
    ],
    PutFunctionConcurrency20171031: [
      `throttled the function ${name} to zero concurrency`,
      'everything this function judged: it can no longer run',
    ],
    UpdateFunctionCode20150331v2: [
      `replaced the code of the function ${name}`,
      'nothing is known about what the new code does: it may no longer revoke or report',
    ],
    UpdateFunctionConfiguration20150331v2: [
      `reconfigured the function ${name}`,
      'its mode, exemptions or topic may have changed: it may report instead of revoking, or exempt everything',
    ],
    RemovePermission20150331v2: [
      `removed an invoke permission of the function ${name}`,
      'the events EventBridge can no longer deliver to it',
    ],
  };
  const [what, lost] = cases[event.eventName] ?? [
    `${event.eventName} on ${name}`,
    'what the function judged',
  ];
  return alert('function', name, what, lost);
}

export function judgeTopic(event: TamperEvent): TamperVerdict {
  const topic = text(event.request.topicArn) ?? text(event.request.subscriptionArn) ?? 'unknown topic';
  const cases: Record<string, [string, string]> = {
    DeleteTopic: [`deleted the findings topic ${topic}`, 'every finding and alarm: they have nowhere to go'],
    Unsubscribe: [`removed the subscription ${topic}`, 'that subscriber no longer receives findings'],
    SetSubscriptionAttributes: [
      `changed the subscription ${topic} (${text(event.request.attributeName) ?? 'attributes'})`,
      'a filter or redrive change may keep findings from that subscriber',
    ],
    SetTopicAttributes: [
      `changed the findings topic ${topic} (${text(event.request.attributeName) ?? 'attributes'})`,
      'its policy or encryption may no longer let the guard, its rules or its alarms publish',
    ],
    RemovePermission: [
      `removed a permission from the findings topic ${topic}`,
      'publishers it named can no longer deliver findings',
    ],
  };
  const [what, lost] = cases[event.eventName] ?? [`${event.eventName} on ${topic}`, 'findings delivery'];
  return alert('topic', topic, what, lost);
}
