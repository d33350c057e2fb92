import type { GroupCheck, RuleCheck } from './check.js';
import { sshAggregateWorldOpen } from './ssh-aggregate-world-open.js';
import { sshPublicSource } from './ssh-public-source.js';
import { sshWorldOpen } from './ssh-world-open.js';

/** Every rule check, worst first: the first non-compliant result decides a rule's verdict. */
export const RULE_CHECKS: readonly RuleCheck[] = [sshWorldOpen, sshPublicSource];

/** Checks over whole groups, run after the rule checks when every rule of a group was read. */
export const GROUP_CHECKS: readonly GroupCheck[] = [sshAggregateWorldOpen];
