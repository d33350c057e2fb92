import { controlCheck } from './host-check.js';

export const hostKeyboardInteractive = controlCheck({
  id: 'host-keyboard-interactive',
  control: 'KbdInteractiveAuthentication',
  title: 'SSH daemon accepts keyboard-interactive logins',
  severity: 'high',
  label: 'accepts keyboard-interactive',
  guidance:
    'Keyboard-interactive usually asks PAM for the password: a password login by another name. Set `KbdInteractiveAuthentication no` (`ChallengeResponseAuthentication no` before OpenSSH 8.7).',
});
