import type { FindingKind } from './finding-kinds.js';

/** Host posture findings that are not a check of one host's report. */

export const hostNotAssessed: FindingKind = {
  checkId: 'host-not-assessed',
  title: 'Instances whose SSH daemon is not assessed',
  severity: 'medium',
  label: 'host-not-assessed',
  guidance: () =>
    "Nothing is known about these hosts' SSH daemons, so they are not counted as compliant. Install or start the SSM agent and attach an instance profile with AmazonSSMManagedInstanceCore (it includes ssm:PutComplianceItems); the AWS CLI must be on the host. The posture association then reports within its schedule.",
};

export const hostCoverageFailed: FindingKind = {
  checkId: 'host-coverage-failed',
  title: 'Host SSH posture coverage could not be read',
  severity: 'medium',
  label: 'host-coverage-failed',
  guidance: () =>
    'Check the sweep role has ec2:DescribeInstances and ssm:ListResourceComplianceSummaries, and that no SCP denies them in this region; the next sweep tries again.',
};

export const HOST_FINDING_KINDS: readonly FindingKind[] = [hostNotAssessed, hostCoverageFailed];
