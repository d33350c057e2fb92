import { controlCheck } from './host-check.js';

export const hostNoInstanceConnect = controlCheck({
  id: 'host-no-instance-connect',
  control: 'Ec2InstanceConnect',
  title: 'EC2 Instance Connect is not installed',
  severity: 'info',
  label: 'no EC2 Instance Connect',
  guidance:
    'Install the ec2-instance-connect package so engineers can use one-time keys (`aws ec2-instance-connect ssh --instance-id i-...`), or use Session Manager.',
});
