import type { Check } from './check.js';
import { sshAggregateWorldOpen } from './ssh-aggregate-world-open.js';
import { sshPublicSource } from './ssh-public-source.js';
import { sshRepeatOpen } from './ssh-repeat-open.js';
import { sshWorldOpen } from './ssh-world-open.js';

/**
 * Every check the guard runs. Rule checks go worst first: the first non-compliant result decides a
 * rule's verdict. Group checks run after them, in this order, when every rule of a group was read;
 * history checks last, on the flagged rules of an event, once their openings are recorded.
 */
export const CHECKS: readonly Check[] = [sshWorldOpen, sshPublicSource, sshAggregateWorldOpen, sshRepeatOpen];
