import { controlCheck } from './host-check.js';

export const hostSshdConfigUnreadable = controlCheck({
  id: 'host-sshd-config-unreadable',
  control: 'SshdConfiguration',
  title: 'SSH daemon configuration could not be read',
  severity: 'high',
  label: 'configuration unreadable',
  guidance:
    '`sshd -T` failed on the host, so nothing about its logins is known and sshd will not restart with this configuration. Run `sudo sshd -t` on the instance and fix what it reports.',
});
