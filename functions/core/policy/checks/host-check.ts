import type { HostPosture, PostureControl, PostureItem } from '../../model/host-posture.js';
import type { Severity } from './check.js';

export type HostVerdict = 'host-weak' | 'host-unknown' | 'host-info';

export type HostCheckResult =
  | { readonly status: 'not-applicable' }
  | { readonly status: 'compliant'; readonly reason: string }
  | { readonly status: 'non-compliant'; readonly reason: string; readonly item: PostureItem };

/**
 * One check of an instance's SSH daemon, over the compliance items its host reported. Each names
 * the control it reads, how to describe a failure and the concrete fix.
 */
export interface HostCheck {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly verdict: HostVerdict;
  /** A few words for lists and tables: "accepts passwords". */
  readonly label: string;
  readonly guidance: string;
  evaluate(posture: HostPosture): HostCheckResult;
}

export interface ControlCheckSpec extends Omit<HostCheck, 'evaluate'> {
  readonly control: PostureControl;
}

/** A check that reads one compliance item: compliant or not as the host reported it. */
export function controlCheck(spec: ControlCheckSpec): HostCheck {
  const { control, ...check } = spec;
  return {
    ...check,
    evaluate(posture) {
      const item = posture.items.find((i) => i.id === control);
      if (!item) return { status: 'not-applicable' };
      const seen = item.value ? `${control} is ${item.value}` : `${control} failed`;
      if (item.status === 'compliant') return { status: 'compliant', reason: seen };
      const expected = item.expected ? ` (expected ${item.expected})` : '';
      const where = item.context ? `; ${item.context}` : '';
      return { status: 'non-compliant', reason: `${seen}${expected}${where}`, item };
    },
  };
}

/** The sshd lines that close password and keyboard-interactive logins, for guidance. */
export const SSHD_FIX_LINES =
  'PasswordAuthentication no, KbdInteractiveAuthentication no (ChallengeResponseAuthentication no before OpenSSH 8.7), PermitRootLogin no';

export const SSHD_FIX_HOW =
  "put them in /etc/ssh/sshd_config.d/00-hardening.conf (an Include of that directory must come first in sshd_config), check with `sudo sshd -t`, then reload sshd; or run the stack's SSH remediation document, which does exactly this and rolls back on failure";
