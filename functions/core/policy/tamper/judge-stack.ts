import { type TamperEvent, type TamperVerdict, text } from './tamper-event.js';

/** `arn:...:stack/<name>/<id>` or a plain name. */
const stackNameOf = (v: unknown) => (text(v) ?? 'unknown stack').replace(/^arn:.*:stack\/([^/]+)\/.*$/, '$1');

/**
 * The guard's own stacks and StackSets. CloudFormation then makes many calls on the stack's behalf
 * (PutRule, UpdateFunctionCode...); those stay quiet, because this alert already names who started
 * the change.
 */
export function judgeStack(event: TamperEvent): TamperVerdict {
  const stackSet = text(event.request.stackSetName);
  const target = stackSet ? `StackSet ${stackSet}` : `stack ${stackNameOf(event.request.stackName)}`;
  const deleting = event.eventName.startsWith('Delete');
  const changeSet = text(event.request.changeSetName);
  const what: Record<string, string> = {
    UpdateStack: `updated the ${target}`,
    ExecuteChangeSet: `executed ${changeSet ? `change set ${changeSet}` : 'a change set'} on the ${target}`,
    DeleteStack: `deleted the ${target}`,
    UpdateStackSet: `updated the ${target} (every account and region it deploys to)`,
    UpdateStackInstances: `updated instances of the ${target}`,
    DeleteStackSet: `deleted the ${target}`,
    DeleteStackInstances: `deleted instances of the ${target}`,
  };
  return {
    status: 'alert',
    path: 'stack',
    target,
    what: what[event.eventName] ?? `${event.eventName} on the ${target}`,
    blindSpot: deleting
      ? 'everything the deleted resources guarded, once CloudFormation finishes removing them'
      : "the guard's rules, functions, roles and topic may all have changed; CloudFormation's calls on the stack's behalf are not alerted one by one",
  };
}
