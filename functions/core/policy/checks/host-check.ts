import type { PostureControl } from '../../model/host-posture.js';
import type { CheckDescription, HostCheck } from './check.js';

export interface ControlCheckSpec extends Omit<CheckDescription, 'verdict' | 'guidance'> {
  readonly control: PostureControl;
  /** What to change on the host, for the finding's guidance. */
  readonly guidance: string;
}

/** A check that reads one compliance item: compliant or not as the host reported it. */
export function controlCheck(spec: ControlCheckSpec): HostCheck {
  const { control, guidance, ...check } = spec;
  return {
    ...check,
    scope: 'host',
    verdict: 'review',
    // The guard changes no host: the same words whatever happened to any rule.
    guidance: { revoked: guidance, review: guidance },
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
