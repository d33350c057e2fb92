import type { ErrorInfo } from '../core/findings/finding.js';

/**
 * AWS errors, normalised in one place: every adapter asks here what an error means instead of
 * keeping its own list of codes. Expected outcomes (a rule or group gone, a read denied) become
 * values in the adapter; anything else throws so Lambda retries.
 */

/** The AWS error code of an SDK v3 error (its `name`), or a stand-in for network failures. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; Code?: unknown; code?: unknown };
    for (const candidate of [e.Code, e.name, e.code])
      if (typeof candidate === 'string' && candidate !== 'Error') return candidate;
  }
  return 'UnknownError';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function errorInfo(error: unknown): ErrorInfo {
  return { code: errorCode(error), message: errorMessage(error) };
}

/** What an error means to the guard, by the codes AWS answers with. */
const MEANINGS = {
  /** The rule no longer exists (revoke by id, or by permission). */
  'rule-gone': ['InvalidSecurityGroupRuleId.NotFound', 'InvalidPermission.NotFound'],
  /** The group no longer exists (or, by name, never did in the default VPC). */
  'group-gone': ['InvalidGroup.NotFound', 'InvalidGroupId.NotFound'],
  /** The managed prefix list no longer exists; EC2 spells the code both ways. */
  'list-gone': ['InvalidPrefixListID.NotFound', 'InvalidPrefixListId.NotFound'],
  /** The caller may not do this (an SCP, a missing grant): retrying cannot help. */
  denied: ['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException'],
  /** Authorize of a permission the group already has. */
  duplicate: ['InvalidPermission.Duplicate'],
  /** EMR's answer to an unknown or hidden cluster, among other invalid requests (read the message). */
  'invalid-request': ['InvalidRequestException', 'ValidationException'],
} as const satisfies Record<string, readonly string[]>;

export type ErrorMeaning = keyof typeof MEANINGS;

export function isError(error: unknown, ...meanings: readonly ErrorMeaning[]): boolean {
  const code = errorCode(error);
  return meanings.some((m) => (MEANINGS[m] as readonly string[]).includes(code));
}

/** The same question for a code already extracted (a failed result carries only its code). */
export function isCodeOf(code: string, ...meanings: readonly ErrorMeaning[]): boolean {
  return meanings.some((m) => (MEANINGS[m] as readonly string[]).includes(code));
}
