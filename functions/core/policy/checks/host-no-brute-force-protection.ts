import { controlCheck } from './host-check.js';

export const hostNoBruteForceProtection = controlCheck({
  id: 'host-no-brute-force-protection',
  control: 'BruteForceProtection',
  title: 'SSH daemon has no brute-force protection',
  severity: 'medium',
  label: 'no brute-force protection',
  guidance:
    'Where SSH is reachable from untrusted networks, install fail2ban with its sshd jail or sshguard, or upgrade to OpenSSH 9.8+ (PerSourcePenalties); better, stop exposing port 22 (Session Manager needs no inbound port).',
});
