import { controlCheck } from './host-check.js';

export const hostPubkeyOff = controlCheck({
  id: 'host-pubkey-off',
  control: 'PubkeyAuthentication',
  title: 'SSH daemon refuses public-key logins',
  severity: 'medium',
  label: 'keys refused',
  guidance:
    'With public keys off only passwords remain, and EC2 Instance Connect cannot work. Set `PubkeyAuthentication yes`.',
});
