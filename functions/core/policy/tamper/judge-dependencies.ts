import { judgeSelectors } from './judge-selectors.js';
import { type GuardIdentity, type TamperEvent, type TamperVerdict, text } from './tamper-event.js';

const SEES_NOTHING_NEW = (sweep: string) =>
  `the API calls this trail delivers to EventBridge: world-open SSH opened meanwhile is found only by the scheduled sweep (${sweep}), and further tampering may go unseen`;

/** Trails: stopping, deleting or narrowing one may cut the guard off from the calls it judges. */
export function judgeTrail(event: TamperEvent, guard: GuardIdentity): TamperVerdict {
  const trail = text(event.request.name) ?? text(event.request.trailName) ?? 'unknown trail';
  const alert = (what: string, blindSpot = SEES_NOTHING_NEW(guard.sweepSchedule)): TamperVerdict => ({
    status: 'alert',
    path: 'trail',
    target: trail,
    what,
    blindSpot,
  });
  switch (event.eventName) {
    case 'StopLogging':
      return alert(`stopped logging on the trail ${trail}`);
    case 'DeleteTrail':
      return alert(`deleted the trail ${trail}`);
    case 'UpdateTrail': {
      const lost = [
        ...(event.request.isMultiRegionTrail === false ? [`calls in every region but ${event.region}`] : []),
        ...(event.request.includeGlobalServiceEvents === false
          ? ["IAM calls, including changes to the guard's roles"]
          : []),
      ];
      if (lost.length === 0)
        return {
          status: 'harmless',
          path: 'trail',
          reason: 'the update keeps every region and global events',
        };
      return alert(
        `narrowed the trail ${trail}`,
        `${lost.join(' and ')}, if this trail is the one that feeds EventBridge`,
      );
    }
    default: {
      const judged = judgeSelectors(event.request);
      if (judged.kind === 'drops-management-writes')
        return alert(`set event selectors on ${trail} that log no write management events`);
      if (judged.dropsKms)
        return alert(
          `set event selectors on ${trail} that exclude KMS events`,
          "changes to the guard's encryption key (DisableKey, ScheduleKeyDeletion, PutKeyPolicy)",
        );
      return { status: 'harmless', path: 'trail', reason: 'the selectors still log write management events' };
    }
  }
}

/** Key ids end the key ARN (`...:key/<id>`); callers may also pass the ARN, or an alias (then `resources` names the key). */
function isGuardKey(event: TamperEvent, keyArn: string): boolean {
  const keyId = keyArn.split('/').pop();
  const named = [text(event.request.keyId), ...event.resourceArns];
  return named.some((k) => k === keyArn || (keyId !== undefined && k === keyId));
}

export function judgeKey(event: TamperEvent, guard: GuardIdentity): TamperVerdict {
  if (!isGuardKey(event, guard.keyArn)) return { status: 'not-ours', reason: 'another KMS key' };
  const days = event.request.pendingWindowInDays;
  const cases: Record<string, [string, string]> = {
    DisableKey: [
      'disabled the key that encrypts the findings topic',
      'nothing: no finding, tamper alert or alarm can be delivered while the key is disabled',
    ],
    ScheduleKeyDeletion: [
      `scheduled the findings key for deletion${typeof days === 'number' ? ` in ${days} days` : ''}`,
      'nothing: a key pending deletion cannot encrypt, so no finding, tamper alert or alarm is delivered',
    ],
    PutKeyPolicy: [
      'replaced the key policy of the findings key',
      "the new policy may lock EventBridge, CloudWatch or the guard's roles out of the key, which silences findings and alarms",
    ],
  };
  const [what, blindSpot] = cases[event.eventName] ?? [
    `${event.eventName} on the findings key`,
    'findings delivery',
  ];
  return { status: 'alert', path: 'key', target: guard.keyArn, what, blindSpot };
}

/** What each change to a guard role may cost: the blind spot its alert names. */
const ROLE_RISK = {
  moreRights:
    'its code may now be able to do more than revoke: the role holds rights over every security group',
  rewritten: 'the guard may lose the rights to read, revoke or publish, or gain others',
  fewerRights: 'the guard may no longer read, revoke or publish',
  boundary: 'the boundary may deny the guard its reads, revokes or publishing',
  otherPrincipal: 'another principal may act with the guard’s rights over every security group',
  noRights: 'everything: the function runs with no rights at all',
} as const;

export function judgeRole(event: TamperEvent): TamperVerdict {
  const role = text(event.request.roleName) ?? 'unknown role';
  const policy = text(event.request.policyArn) ?? text(event.request.policyName);
  const subject = `the guard role ${role}${policy ? ` (${policy})` : ''}`;
  const cases: Record<string, [string, string]> = {
    AttachRolePolicy: [`attached a policy to ${subject}`, ROLE_RISK.moreRights],
    PutRolePolicy: [`rewrote an inline policy of ${subject}`, ROLE_RISK.rewritten],
    DetachRolePolicy: [`detached a policy from ${subject}`, ROLE_RISK.fewerRights],
    DeleteRolePolicy: [`deleted an inline policy of ${subject}`, ROLE_RISK.fewerRights],
    PutRolePermissionsBoundary: [`set a permissions boundary on ${subject}`, ROLE_RISK.boundary],
    UpdateAssumeRolePolicy: [`changed who may assume the guard role ${role}`, ROLE_RISK.otherPrincipal],
    DeleteRole: [`deleted the guard role ${role}`, ROLE_RISK.noRights],
  };
  const [what, blindSpot] = cases[event.eventName] ?? [`${event.eventName} on ${role}`, "the guard's rights"];
  return { status: 'alert', path: 'role', target: role, what, blindSpot };
}

export function judgeBusPolicy(event: TamperEvent): TamperVerdict {
  const verb = event.eventName === 'PutPermission' ? 'changed' : 'removed a statement from';
  return {
    status: 'alert',
    path: 'bus-policy',
    target: 'default event bus',
    what: `${verb} the policy of the default event bus in ${event.region}`,
    blindSpot:
      'events the forwarders in other regions send here may be refused: those regions go unseen until the next sweep',
  };
}
