import type { Finding } from '../core/findings/finding.js';
import { renderMessages } from '../core/findings/render-message.js';
import type { PublishPort } from '../deps.js';

/**
 * The one error the guard throws on purpose: findings could not be published, so Lambda
 * must retry the event and, past its retries, hand it to the on-failure destination. A named class,
 * so callers, tests and the Lambda error type (`errorType`) can tell it from a bug.
 */
export class PublishError extends Error {
  override readonly name = 'PublishError';
}

/**
 * One publish per handled event (more only past SNS size limits). A failure throws: Lambda retries
 * (revokes are idempotent) and the on-failure destination catches what retries cannot fix.
 */
export async function publishFindings(findings: readonly Finding[], publisher: PublishPort): Promise<number> {
  const messages = renderMessages(findings);
  for (const message of messages) {
    try {
      await publisher.publish(message);
    } catch (cause) {
      throw new PublishError(`publishing ${message.findingIds.length} finding(s) failed`, { cause });
    }
  }
  return messages.length;
}
