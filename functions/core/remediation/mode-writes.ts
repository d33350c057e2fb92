import type { RemediationMode } from '../policy/policy-config.js';

/**
 * The AWS write actions each remediation mode can make, so that a deployment is granted exactly
 * these: report mode writes nothing; revoke removes rules; narrow and replace-with-eic also add the
 * rules that keep people working. EMR Block Public Access is fixed only when opted in, and never in
 * report mode. test/infra/iam.test.ts packages the stack per mode and holds each role to this.
 */
export const REMEDIATION_WRITES: Readonly<Record<RemediationMode, readonly string[]>> = {
  report: [],
  revoke: ['ec2:RevokeSecurityGroupIngress'],
  narrow: ['ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
  'replace-with-eic': ['ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
};

/** Opt-in writes: granted when the option is on and the mode remediates at all. */
export const OPT_IN_WRITES: Readonly<Record<string, readonly string[]>> = {
  emrFixBlockPublicAccess: ['elasticmapreduce:PutBlockPublicAccessConfiguration'],
};

/** Every write the remediating functions may be granted in some configuration. */
export const ALL_REMEDIATION_WRITES: readonly string[] = [
  ...new Set([...Object.values(REMEDIATION_WRITES).flat(), ...Object.values(OPT_IN_WRITES).flat()]),
];

/** The writes one configuration grants. */
export function grantedWrites(mode: RemediationMode, optIns: Readonly<Record<string, boolean>>): string[] {
  if (mode === 'report') return [];
  const optIn = Object.entries(OPT_IN_WRITES).flatMap(([option, actions]) => (optIns[option] ? actions : []));
  return [...REMEDIATION_WRITES[mode], ...optIn];
}
