import { controlCheck } from './host-check.js';

export const hostOpensshOutdated = controlCheck({
  id: 'host-openssh-outdated',
  control: 'OpenSshVersion',
  title: 'OpenSSH older than the configured minimum',
  severity: 'high',
  label: 'old OpenSSH',
  guidance:
    "Update the openssh-server package (distributions backport fixes without changing the version, so check the package's security notices before raising the minimum).",
});
