import { controlCheck } from './host-check.js';

export const hostRootLogin = controlCheck({
  id: 'host-root-login',
  control: 'PermitRootLogin',
  title: 'SSH daemon lets root log in',
  severity: 'critical',
  label: 'root login allowed',
  guidance:
    'Set `PermitRootLogin no` (or `prohibit-password` where root needs a key): log in as a named user and use sudo, so every action has an owner.',
});
