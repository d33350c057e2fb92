import { controlCheck } from './host-check.js';

export const hostPasswordLogin = controlCheck({
  id: 'host-password-login',
  control: 'PasswordAuthentication',
  title: 'SSH daemon accepts password logins',
  severity: 'high',
  label: 'accepts passwords',
  guidance:
    'Passwords over SSH can be guessed from anywhere the port is reachable. Set `PasswordAuthentication no` and use keys, EC2 Instance Connect or Session Manager.',
});
