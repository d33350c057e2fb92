import type { Finding, FindingMessage } from '../core/findings/finding.js';
import type { OutboundMessage } from '../core/findings/render-message.js';

/**
 * One place a finding goes besides the account's own topic: the hub topic, an event bus, Security
 * Hub. Each takes the message as the local topic got it, so every output sees the same findings.
 */
export interface FindingOutput {
  /** Names the output in errors and logs: `hub topic`, `event bus`, `Security Hub`. */
  readonly name: string;
  deliver(message: OutboundMessage): Promise<void>;
}

/** A delivery that failed for a reason a retry cannot fix (a rejected finding, a rejected entry). */
export class OutputRejectedError extends Error {
  override readonly name = 'OutputRejectedError';
}

/** The findings of a rendered message, read back from its machine (`default`) part. */
export function findingsOf(message: OutboundMessage): readonly Finding[] {
  const body = JSON.parse(message.message) as { default: string };
  return (JSON.parse(body.default) as FindingMessage).findings;
}

/**
 * Sends, then resends what the service rejected for a reason a retry can fix (throttling, an internal
 * error), waiting 100, 200, 400 ms. Returns what is still rejected: the caller throws, never drops it.
 */
export async function retryRejected<T>(
  items: readonly T[],
  send: (items: readonly T[]) => Promise<readonly Rejection<T>[]>,
  sleep: (ms: number) => Promise<void>,
  attempts = 4,
): Promise<readonly Rejection<T>[]> {
  let pending = items;
  for (let attempt = 1; ; attempt += 1) {
    const rejected = await send(pending);
    if (rejected.length === 0) return [];
    if (rejected.some((r) => !r.retryable) || attempt === attempts) return rejected;
    await sleep(100 * 2 ** (attempt - 1));
    pending = rejected.map((r) => r.item);
  }
}

export interface Rejection<T> {
  readonly item: T;
  readonly code: string;
  readonly retryable: boolean;
}

export const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
