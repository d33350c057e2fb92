/**
 * "Minimal calls", worked out per sample event from the product's promise (not from what the
 * code does): a complete rule set needs no read; a compliant event makes no call; a violating one
 * makes one revoke per group and one publish; Describe only for what the payload lacks (pre-2021
 * records and the legacy form: DescribeSecurityGroupRules; a group name: DescribeSecurityGroups
 * too; ModifySecurityGroupRules: the direction; a prefix list: its description and entries).
 *
 * `measured` records, with the reason, where the guard knowingly makes more than the minimum. The
 * wire test holds the bundle to `measured ?? minimum`, so any other change in calls fails a test,
 * and the benchmark prints both.
 */
export type CallCounts = Readonly<Record<string, number>>;

export interface CallBudget {
  readonly minimum: CallCounts;
  readonly measured?: CallCounts;
  readonly why?: string;
}

const REVOKE = 'RevokeSecurityGroupIngress';
const PUBLISH = 'Publish';
const RULES = 'DescribeSecurityGroupRules';
const GROUPS = 'DescribeSecurityGroups';
const LISTS = 'DescribeManagedPrefixLists';
const ENTRIES = 'GetManagedPrefixListEntries';

const CLUSTER = 'DescribeCluster';
const BPA = 'GetBlockPublicAccessConfiguration';

const violating: CallBudget = { minimum: { [REVOKE]: 1, [PUBLISH]: 1 } };
const silent: CallBudget = { minimum: {} };
const reviewOnly: CallBudget = { minimum: { [PUBLISH]: 1 } };
const readThenRevoke: CallBudget = { minimum: { [RULES]: 1, [REVOKE]: 1, [PUBLISH]: 1 } };

/** Budget per sample event, for every trigger the functions handle. */
export const CALL_BUDGETS: Readonly<Record<string, CallBudget>> = {
  'authorize-world-ipv4-ssh.json': violating,
  'authorize-world-ipv6-ssh.json': violating,
  // Delivered as sent: the rule still holds what was judged. Edited first, EC2 removes nothing (test/wire/judged-revoke.test.ts).
  'authorize-edited-before-delivery.json': violating,
  // The readable rule is revoked; the unreadable item's finding goes out in the same publish.
  'authorize-partial-parse.json': violating,
  'authorize-all-traffic-world.json': violating,
  'authorize-port-range-world.json': {
    minimum: violating.minimum,
    measured: { [GROUPS]: 1, [REVOKE]: 1, [PUBLISH]: 1 },
    why: 'CloudFormation opened the rule: the group tags name the stack whose next update re-opens it (read only for violations CloudFormation or CDK made)',
  },
  'authorize-protocol-number-6-world.json': violating,
  // Its public /24 is left in place beside the world rule: the group is read once to sum it.
  'authorize-multi-source-one-world.json': readThenRevoke,
  'authorize-multi-permission.json': violating,
  'authorize-world-half-ranges.json': violating,
  'authorize-host-bits-zero-prefix.json': violating,
  'authorize-leading-zero-cidr.json': violating,
  'authorize-assumed-role-console.json': violating,
  'authorize-legacy-flat-form.json': readThenRevoke,
  'authorize-pre-2021-no-ruleset.json': readThenRevoke,
  'authorize-console-2017-all-traffic-0-65535.json': readThenRevoke,
  'authorize-group-name-default-vpc.json': {
    minimum: { [GROUPS]: 1, [RULES]: 1, [REVOKE]: 1, [PUBLISH]: 1 },
  },
  'authorize-prefix-list-source.json': { minimum: { [LISTS]: 1, [ENTRIES]: 1 } },
  // The name and owner identify the EC2 Instance Connect list: its entries are not needed.
  'authorize-eic-prefix-list.json': { minimum: { [LISTS]: 1 } },
  // A public SSH source the event leaves in place may complete a world-sized union with what its
  // group held before: the group is read once (by id) to sum them.
  'authorize-public-narrow-review.json': { minimum: { [RULES]: 1, [PUBLISH]: 1 } },
  'authorize-public-halves-of-slash-8.json': readThenRevoke,
  'authorize-public-half-completes-slash-8.json': readThenRevoke,
  'authorize-private-cidr.json': silent,
  'authorize-sg-reference.json': silent,
  'authorize-zero-slash-16-compliant.json': silent,
  'authorize-udp-22-world.json': silent,
  'authorize-https-world.json': silent,
  'authorize-failed-errorcode.json': silent,
  'modify-rule-widened-to-world.json': readThenRevoke,
  'modify-several-rules-array.json': readThenRevoke,
  'modify-rule-private.json': {
    minimum: {},
    measured: { [RULES]: 1 },
    why: 'the request is compliant in either direction, but the guard reads the current rule by id so that a late or reordered Modify cannot hide a rule that is world-open now',
  },
  // The EMR guard: the cluster's groups (DescribeCluster, unless the request names them), their rules
  // in one read, and EMR Block Public Access (one read; a finding while it permits port 22).
  'emr-runjobflow-default-groups.json': {
    minimum: { [CLUSTER]: 1, [BPA]: 1, [RULES]: 1, [REVOKE]: 1, [PUBLISH]: 1 },
  },
  'emr-runjobflow-named-groups.json': { minimum: { [BPA]: 1, [RULES]: 1, [PUBLISH]: 1 } },
  'emr-runjobflow-private-subnet.json': { minimum: { [BPA]: 1, [RULES]: 1 } },
  'emr-state-starting.json': { minimum: { [CLUSTER]: 1, [BPA]: 1, [RULES]: 1, [REVOKE]: 1, [PUBLISH]: 1 } },
  'emr-state-running.json': { minimum: { [CLUSTER]: 1, [BPA]: 1, [RULES]: 1, [REVOKE]: 1, [PUBLISH]: 1 } },
  'emr-state-bootstrapping.json': { minimum: { [CLUSTER]: 1, [BPA]: 1, [RULES]: 1, [PUBLISH]: 1 } },
  'emr-state-waiting.json': { minimum: { [CLUSTER]: 1, [BPA]: 1, [RULES]: 1 } },
  // The sweep over the account seedFromEvent gives it (three regions, one forgotten world-open rule).
  'schedule-sweep.json': {
    minimum: { DescribeRegions: 1, [RULES]: 3, [REVOKE]: 1, [PUBLISH]: 1 },
    measured: { DescribeRegions: 1, [RULES]: 3, [REVOKE]: 1, [PUBLISH]: 2 },
    why: 'each region publishes its findings as it finishes and the sweep summary follows, so a slow or failed region holds back nothing',
  },
  // A prefix-list edit that adds a world entry: the groups referencing the list, their rules, the
  // list itself (name and owner, then entries), one revoke of the referencing rule, one publish.
  'prefix-list-modified-add-world.json': {
    minimum: {
      GetManagedPrefixListAssociations: 1,
      [RULES]: 1,
      [LISTS]: 1,
      [ENTRIES]: 1,
      [REVOKE]: 1,
      [PUBLISH]: 1,
    },
  },
  'prefix-list-modified-add-several.json': {
    minimum: {
      GetManagedPrefixListAssociations: 1,
      [RULES]: 1,
      [LISTS]: 1,
      [ENTRIES]: 1,
      [REVOKE]: 1,
      [PUBLISH]: 1,
    },
  },
  // Host posture: a change to non-compliant reads the instance's items once and publishes its findings;
  // a change to compliant needs no call.
  'ssm-compliance-ssh-posture-non-compliant.json': { minimum: { ListComplianceItems: 1, [PUBLISH]: 1 } },
  'ssm-compliance-ssh-posture-compliant.json': silent,
  'ssm-compliance-patch-non-compliant.json': silent,
  // A rollback of a referenced list to a version that admitted the world.
  'prefix-list-restore-world-version.json': {
    minimum: {
      GetManagedPrefixListAssociations: 1,
      [RULES]: 1,
      [LISTS]: 1,
      [ENTRIES]: 1,
      [REVOKE]: 1,
      [PUBLISH]: 1,
    },
  },

  // A relay's re-published record: acted on as the record says, in the record's region.
  'republished-authorize-custom-source.json': violating,
  // Another account's record: nothing read or changed, one finding that says so.
  'republished-other-account.json': reviewOnly,
  // A relay that forwards the whole EventBridge event as its detail: unwrapped once, then as above.
  'republished-wrapped-whole-event.json': violating,
  // A record CloudTrail truncated: the group it names read (its request kept), or the region swept.
  'authorize-omitted-response-known-group.json': readThenRevoke,
  'modify-omitted-parameters.json': readThenRevoke,
  // Events no function's EventBridge pattern delivers; were one delivered, it costs nothing.
  'emr-state-terminated.json': silent,
  'foreign-ec2-run-instances.json': silent,
  'foreign-s3-putobject.json': silent,
  'negative-authorize-egress.json': silent,
  'negative-revoke-ingress.json': silent,
};

/** Calls of a run, counted by action. */
export function countByAction(calls: readonly { action: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { action } of calls) counts[action] = (counts[action] ?? 0) + 1;
  return counts;
}

export const total = (counts: CallCounts): number => Object.values(counts).reduce((a, b) => a + b, 0);
