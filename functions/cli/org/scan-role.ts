import { EC2_ACTIONS } from '../../adapters/ec2-adapter.js';
import { INVENTORY_ACTIONS } from '../../adapters/ec2-inventory.js';
import { ORGANIZATIONS_ACTIONS } from '../../adapters/organizations-adapter.js';
import { STS_ACTIONS } from '../../adapters/sts-adapter.js';

/**
 * What the scan role in each member account may do (infra/scan-role.yml, held to exactly this by a
 * test): the sweep's reads in report mode. The region list, every rule, the customer prefix lists a
 * rule references, and group tags when the exempt tag is honoured. Nothing that writes.
 */
export const SCAN_ROLE_ACTIONS = [
  ...INVENTORY_ACTIONS,
  ...EC2_ACTIONS.filter((action) => /^ec2:(Describe|Get)/.test(action)),
] as const;

/** What the identity running `scan --org` needs in the management or delegated security account. */
export const SCANNER_ACTIONS = [...ORGANIZATIONS_ACTIONS, ...STS_ACTIONS] as const;
