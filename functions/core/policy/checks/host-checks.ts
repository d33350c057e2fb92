import type { HostCheck } from './host-check.js';
import { hostKeyboardInteractive } from './host-keyboard-interactive.js';
import { hostNoBruteForceProtection } from './host-no-brute-force-protection.js';
import { hostNoInstanceConnect } from './host-no-instance-connect.js';
import { hostOpensshOutdated } from './host-openssh-outdated.js';
import { hostPasswordLogin } from './host-password-login.js';
import { hostPubkeyOff } from './host-pubkey-off.js';
import { hostRootLogin } from './host-root-login.js';
import { hostSshdConfigUnreadable } from './host-sshd-config-unreadable.js';

/** Every check of an instance's SSH daemon, worst first. */
export const HOST_CHECKS: readonly HostCheck[] = [
  hostSshdConfigUnreadable,
  hostRootLogin,
  hostPasswordLogin,
  hostKeyboardInteractive,
  hostPubkeyOff,
  hostOpensshOutdated,
  hostNoBruteForceProtection,
  hostNoInstanceConnect,
];
