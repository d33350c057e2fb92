import type { Check, Severity } from '../policy/checks/check.js';
import { CHECKS } from '../policy/checks/index.js';
import { HOST_FINDING_KINDS } from './host-finding-kinds.js';

/**
 * A finding about an event, a cluster or a region rather than one rule, described once like a
 * check: its check id, title, severity, table label and guidance. Several kinds may share a check
 * id when one concern has several states (Block Public Access off, or permitting SSH).
 */
export interface FindingKind<Facts = undefined> {
  readonly checkId: string;
  readonly title: string;
  readonly severity: Severity;
  /** The few words of the scan's table (FINDING column). */
  readonly label: string;
  readonly guidance: (facts: Facts) => string;
}

const SCAN_BY_HAND = (region: string) =>
  `Check it by hand with \`ssh-ingress-guard scan --region ${region}\`.`;
const NOT_ENABLED = ['OptInRequired', 'AuthFailure', 'UnrecognizedClientException', 'InvalidClientTokenId'];
const DENIED = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation'];
const EMR_FIX_HINT =
  'Connect with Session Manager or EC2 Instance Connect instead of opening SSH. With the emrFixBlockPublicAccess setting the guard removes the port from the permitted ranges itself (it never turns Block Public Access on).';

const SWEEP_SUMMARY_GUIDANCE =
  'Nothing to do for this message: it records the sweep. Each violation and each region that could not be swept has its own finding.';

export const unparsedEvent: FindingKind = {
  checkId: 'unparsed-event',
  title: 'Security group event not understood',
  severity: 'high',
  label: 'unparsed-event',
  guidance: () =>
    'The guard did not evaluate this change. Inspect the security group by hand (or run `ssh-ingress-guard scan`) and report the event id so the parser can be extended.',
};

/** An event about another account than the guard's own: nothing is read or changed. */
export const eventOtherAccount: FindingKind<{ readonly account: string }> = {
  checkId: 'event-other-account',
  title: 'Event for another account not acted on',
  severity: 'medium',
  label: 'other-account',
  guidance: ({ account }) =>
    `Deploy the guard in ${account || 'the account the event is about'} (or run \`ssh-ingress-guard scan\` there), or stop forwarding that account's events to this one.`,
};

export const emrClusterGone: FindingKind = {
  checkId: 'emr-cluster-gone',
  title: 'EMR cluster gone before its groups were evaluated',
  severity: 'info',
  label: 'emr-cluster-gone',
  guidance: () =>
    'Nothing to do for this cluster. EMR-managed groups (ElasticMapReduce-master, -slave...) outlive their clusters and are reused by the next one; the scheduled sweep evaluates them. If the cluster is in fact running, it is not visible to the guard: launch clusters with VisibleToAllUsers true.',
};

/** EMR Block Public Access has one check id and label, in three states. */
const emrBlockPublicAccess = <Facts = undefined>(
  state: Pick<FindingKind<Facts>, 'title' | 'severity' | 'guidance'>,
): FindingKind<Facts> => ({ checkId: 'emr-block-public-access', label: 'emr-block-public-access', ...state });

export const emrBlockPublicAccessUnreadable = emrBlockPublicAccess({
  title: 'EMR Block Public Access could not be read',
  severity: 'medium',
  guidance: () =>
    'Allow the guard elasticmapreduce:GetBlockPublicAccessConfiguration (an SCP or permission boundary may deny it) and check the setting by hand in the EMR console.',
});

export const emrBlockPublicAccessOff = emrBlockPublicAccess<{ readonly region: string }>({
  title: 'EMR Block Public Access is off',
  severity: 'high',
  guidance: ({ region }) =>
    `Turn on Block Public Access for EMR in ${region} (EMR console, Block public access) with no SSH port among the permitted ranges. ${EMR_FIX_HINT}`,
});

export const emrBlockPublicAccessPermitsSsh = emrBlockPublicAccess<{
  readonly region: string;
  readonly ports: string;
}>({
  title: 'EMR Block Public Access permits SSH',
  severity: 'high',
  guidance: ({ region, ports }) =>
    `Remove port ${ports} from the permitted ranges of EMR Block Public Access in ${region}. ${EMR_FIX_HINT}`,
});

export const sweepRegionFailed: FindingKind<{ readonly region: string; readonly code: string }> = {
  checkId: 'sweep-region-failed',
  title: 'Region not swept',
  severity: 'high',
  label: 'region not scanned',
  guidance: ({ region, code }) => {
    if (NOT_ENABLED.includes(code))
      return `The region does not accept the guard's credentials; it is usually not enabled for the account (opt-in). If it is meant to be enabled, enable it; a region that is not enabled cannot hold security groups. ${SCAN_BY_HAND(region)}`;
    if (DENIED.includes(code))
      return `The guard's role may not read or change security groups in ${region}: an SCP or permission boundary denies it. If the region is denied on purpose, nothing can be opened there; otherwise allow the guard's actions. ${SCAN_BY_HAND(region)}`;
    return `The sweep will try again at its next run. If the error persists, check the guard's logs. ${SCAN_BY_HAND(region)}`;
  },
};

export const sweepSummary: FindingKind = {
  checkId: 'sweep-summary',
  title: 'Sweep summary',
  severity: 'info',
  label: 'sweep-summary',
  guidance: () => SWEEP_SUMMARY_GUIDANCE,
};

/** The region list could not be read, so only the home region was swept: worth attention. */
export const sweepSummaryHomeOnly: FindingKind = { ...sweepSummary, severity: 'high' };

/** Every finding kind that is not a check, for lookups by check id (the scan's table). */
export const FINDING_KINDS: readonly FindingKind<never>[] = [
  unparsedEvent,
  eventOtherAccount,
  emrClusterGone,
  emrBlockPublicAccessUnreadable,
  emrBlockPublicAccessOff,
  emrBlockPublicAccessPermitsSsh,
  sweepRegionFailed,
  sweepSummary,
  sweepSummaryHomeOnly,
  ...HOST_FINDING_KINDS,
];

/**
 * The table label of a published finding's check id, from the checks and the finding kinds. An id
 * nobody registered is a defect, not a row to guess at: it throws.
 */
export function labelOf(checkId: string, checks: readonly Check[] = CHECKS): string {
  const label =
    checks.find((c) => c.id === checkId)?.label ?? FINDING_KINDS.find((k) => k.checkId === checkId)?.label;
  if (label === undefined) {
    throw new Error(`No check or finding kind is registered under the id "${checkId}"`);
  }
  return label;
}
