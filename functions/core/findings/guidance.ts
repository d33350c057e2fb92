import { describePorts, describeSource } from '../model/rule.js';
import type { ExemptionMatch } from '../policy/exemptions.js';
import type { RuleOutcome } from '../remediation/outcome.js';
import { describePermission, describePermissionPorts } from '../remediation/permission.js';

/**
 * Guidance per action, for the engineer whose rule changed: what happened, what still works and how
 * to connect now, in words that need no knowledge of the guard's code.
 */

const CONNECT_NOW =
  "To connect now: EC2 Instance Connect (`aws ec2-instance-connect ssh --instance-id i-...`, or Connect in the EC2 console; the group must allow tcp/22 from the region's com.amazonaws.<region>.ec2-instance-connect prefix list) or Session Manager (`aws ssm start-session --target i-...`; no inbound port at all).";

const SAFE_PATHS = `${CONNECT_NOW} Or allow only a trusted CIDR, such as your VPN's egress range.`;

export function guidanceFor(outcome: RuleOutcome): string {
  switch (outcome.action) {
    case 'revoked':
      return `${outcome.evaluation.check.guidance.revoked}${closedAlongside(outcome)} ${SAFE_PATHS}`;
    case 'narrowed':
      return narrowedGuidance(outcome);
    case 'replaced':
      return replacedGuidance(outcome);
    case 'already-gone':
      return `The rule was no longer in the group when the guard acted (removed or changed since the event, possibly by an earlier delivery of this event); nothing more to do. ${SAFE_PATHS}`;
    case 'would-revoke':
      return `The guard runs in report mode and changed nothing; in a remediating mode this rule would be removed. ${SAFE_PATHS}`;
    case 'failed':
      return `The guard could NOT remove this rule (${outcome.error?.code ?? 'unknown error'}): SSH is still exposed. Remove it by hand now and check the guard's permissions (an SCP or permission boundary may deny ec2:RevokeSecurityGroupIngress).`;
    case 'exempted':
      return exemptedGuidance(outcome.evaluation.exemption);
    case 'review':
      return `${outcome.evaluation.check.guidance.review} ${SAFE_PATHS}`;
    default:
      return SAFE_PATHS;
  }
}

/** A whole rule revoked in place of narrowing closes more than SSH: say so and what to re-add. */
function closedAlongside(outcome: RuleOutcome): string {
  const { rule } = outcome.evaluation;
  if (rule.protocol !== 'all' && rule.ports.from === rule.ports.to) return '';
  return ` The whole rule (${describePorts(rule)}) went with it: re-add the ports you need from ${describeSource(rule.source)} without SSH.`;
}

function narrowedGuidance(outcome: RuleOutcome): string {
  const { rule } = outcome.evaluation;
  const kept = (outcome.kept ?? []).map(describePermissionPorts).join(', ');
  const dropped = outcome.dropped
    ? ` Not kept: ${outcome.dropped}; add them back explicitly if you use them.`
    : '';
  return `SSH was cut out of the rule and everything else it allowed still works: ${kept} still open to ${describeSource(rule.source)}.${dropped} ${CONNECT_NOW}`;
}

function replacedGuidance(outcome: RuleOutcome): string {
  const added = (outcome.added ?? []).map(describePermission).join(', ');
  return `SSH from the internet was removed and replaced by ${added}, so EC2 Instance Connect works and nothing else reaches port 22. Connect now with EC2 Instance Connect: \`aws ec2-instance-connect ssh --instance-id i-...\` (or Connect in the EC2 console), or with Session Manager: \`aws ssm start-session --target i-...\` (no inbound port needed).`;
}

function exemptedGuidance(exemption: ExemptionMatch | undefined): string {
  if (exemption?.origin === 'tag') {
    return `Left open because the group carries the exempt tag (${exemption.reason}). Tag exemptions are requester-controlled: whoever can tag the group can exempt it, so the security team switched this on deliberately (HONOR_EXEMPT_TAG). Remove the tag to have the guard act. ${SAFE_PATHS}`;
  }
  const by = exemption?.approvedBy ? ` approved by ${exemption.approvedBy}` : '';
  const until = exemption?.expires ? ` until ${exemption.expires}` : '';
  // Without a cidr the exemption covers the whole group, prefix-list sources too: say so, so the
  // security team sees what it approved.
  const scope =
    exemption && !exemption.cidr
      ? ` It covers every source of ${exemption.groupId}, prefix lists included.`
      : '';
  return `Left open by an exemption${by}${until}: "${exemption?.reason ?? 'no reason given'}".${scope} After it expires the guard removes the rule; ask the security team to renew it if it is still needed. ${SAFE_PATHS}`;
}

/** The note that tells the reader an exemption existed but no longer applies. */
export function expiredExemptionNote(exemption: ExemptionMatch | undefined): string | undefined {
  if (exemption?.status !== 'expired') return undefined;
  const by = exemption.approvedBy ? `, approved by ${exemption.approvedBy}` : '';
  return `the exemption for ${exemption.groupId} ("${exemption.reason}"${by}) expired on ${exemption.expires} and no longer applies`;
}
