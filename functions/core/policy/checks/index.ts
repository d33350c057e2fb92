import type { Check } from './check.js';
import { hostKeyboardInteractive } from './host-keyboard-interactive.js';
import { hostNoBruteForceProtection } from './host-no-brute-force-protection.js';
import { hostNoInstanceConnect } from './host-no-instance-connect.js';
import { hostOpensshOutdated } from './host-openssh-outdated.js';
import { hostPasswordLogin } from './host-password-login.js';
import { hostPubkeyOff } from './host-pubkey-off.js';
import { hostRootLogin } from './host-root-login.js';
import { hostSshdConfigUnreadable } from './host-sshd-config-unreadable.js';
import { sshAggregateWorldOpen } from './ssh-aggregate-world-open.js';
import { sshPublicSource } from './ssh-public-source.js';
import { sshRepeatOpen } from './ssh-repeat-open.js';
import { sshWorldOpen } from './ssh-world-open.js';

/**
 * Every check the guard runs. Rule checks go worst first: the first non-compliant result decides a
 * rule's verdict. Group checks run after them, in this order, over a group's rules (every rule of
 * it when it was read whole, or an event's own rules);
 * history checks next, on the flagged rules of an event, once their openings are recorded.
 * Host checks run on an instance's SSH posture report, each failing one a finding of its own.
 */
export const CHECKS: readonly Check[] = [
  sshWorldOpen,
  sshPublicSource,
  sshAggregateWorldOpen,
  sshRepeatOpen,
  // Host checks read an instance's SSH posture report (Systems Manager compliance), worst first.
  hostSshdConfigUnreadable,
  hostRootLogin,
  hostPasswordLogin,
  hostKeyboardInteractive,
  hostPubkeyOff,
  hostOpensshOutdated,
  hostNoBruteForceProtection,
  hostNoInstanceConnect,
];
