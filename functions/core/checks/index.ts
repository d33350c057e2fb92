import type { RuleCheck } from './check.js';
import { sshPublicSource } from './ssh-public-source.js';
import { sshWorldOpen } from './ssh-world-open.js';

/** Every rule check, worst first: the first non-compliant result decides a rule's verdict. */
export const RULE_CHECKS: readonly RuleCheck[] = [sshWorldOpen, sshPublicSource];
