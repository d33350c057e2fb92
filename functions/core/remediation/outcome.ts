import type { FlaggedEvaluation } from '../policy/evaluate.js';
import type { Permission } from './permission.js';

/** What happened to one planned rule: the input of its finding. */
export interface RuleOutcome {
  readonly evaluation: FlaggedEvaluation;
  readonly action: ActionTaken;
  readonly error?: ErrorInfo;
  /** Anything the reader must know about what was done: a fallback and why. */
  readonly note?: string;
  /** narrowed: what stays open to the same source. */
  readonly kept?: readonly Permission[];
  /** narrowed: what the rule allowed that no permission could keep. */
  readonly dropped?: string;
  /** replaced: what was added instead. */
  readonly added?: readonly Permission[];
  /** The EC2 calls made for this rule, in order (narrow and replace modes). */
  readonly changes?: readonly FindingChange[];
}

/** An AWS error as findings carry it: the SDK's error code and its message. */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
}

export type ActionTaken =
  | 'revoked'
  | 'narrowed'
  | 'replaced'
  | 'would-revoke'
  | 'already-gone'
  | 'exempted'
  | 'review'
  | 'failed'
  | 'reported';

/** One EC2 call the guard made for a finding, so the reader sees exactly what changed. */
export interface FindingChange {
  readonly call: 'AuthorizeSecurityGroupIngress' | 'RevokeSecurityGroupIngress';
  readonly groupId: string;
  readonly outcome: 'succeeded' | 'already-gone' | 'failed';
  /** Revoke: the rules removed; authorize: the rules EC2 created. */
  readonly ruleIds?: readonly string[];
  /** Authorize: what was asked, e.g. `tcp/0-21 from 0.0.0.0/0`. */
  readonly permissions?: readonly string[];
  /** Authorize: asked-for permissions the group already had (nothing to add). */
  readonly alreadyPresent?: readonly string[];
  readonly error?: ErrorInfo;
}
