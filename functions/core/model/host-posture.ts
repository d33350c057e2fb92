/**
 * What Systems Manager knows about an instance's SSH daemon: the Custom:SshPosture compliance items
 * the posture document reports (infra/ssh-posture/assess.sh), one per control.
 */
export const SSH_POSTURE_TYPE = 'Custom:SshPosture';

/** The controls the posture document reports, by compliance item id. */
export type PostureControl =
  | 'SshdConfiguration'
  | 'PermitRootLogin'
  | 'PasswordAuthentication'
  | 'KbdInteractiveAuthentication'
  | 'PubkeyAuthentication'
  | 'BruteForceProtection'
  | 'OpenSshVersion'
  | 'Ec2InstanceConnect';

export interface PostureItem {
  readonly id: string;
  readonly status: 'compliant' | 'non-compliant';
  readonly title?: string;
  /** The effective value on the host (`yes`, `prohibit-password`, `9.2`, `none`...). */
  readonly value?: string;
  readonly expected?: string;
  /** The connection context whose Match blocks produced the value, or what the script noted. */
  readonly context?: string;
}

export interface HostPosture {
  readonly instanceId: string;
  /** When the host last reported (the compliance execution time). */
  readonly assessedAt?: string;
  readonly items: readonly PostureItem[];
}

/** An EC2 instance behind a security group, as findings name it. */
export interface InstanceRef {
  readonly instanceId: string;
  readonly name?: string;
  readonly state?: string;
  readonly publicIp?: string;
  readonly groupIds: readonly string[];
}

/**
 * The posture in one word. `not-assessed` means nothing is known (no SSM agent, the association has
 * not run, or the host could not report): never read as compliant.
 */
export type PostureSummary = 'hardened' | 'accepts-passwords' | 'weak' | 'not-assessed';

const PASSWORD_CONTROLS: readonly string[] = ['PasswordAuthentication', 'KbdInteractiveAuthentication'];

/** Failing controls, EC2 Instance Connect aside (its absence is information, not a weakness). */
export function failingControls(posture: HostPosture): string[] {
  return posture.items
    .filter((i) => i.status === 'non-compliant' && i.id !== 'Ec2InstanceConnect')
    .map((i) => i.id);
}

export function summarisePosture(posture: HostPosture | undefined): PostureSummary {
  if (!posture || posture.items.length === 0) return 'not-assessed';
  const failing = failingControls(posture);
  if (failing.length === 0) return 'hardened';
  return failing.some((id) => PASSWORD_CONTROLS.includes(id)) ? 'accepts-passwords' : 'weak';
}

export function hasInstanceConnect(posture: HostPosture | undefined): boolean {
  return posture?.items.some((i) => i.id === 'Ec2InstanceConnect' && i.status === 'compliant') === true;
}

/** Instances in scope with no posture report: listed as not assessed, never counted as compliant. */
export function findNotAssessed(
  inScope: readonly InstanceRef[],
  assessed: ReadonlySet<string>,
): InstanceRef[] {
  return inScope.filter((i) => !assessed.has(i.instanceId));
}
