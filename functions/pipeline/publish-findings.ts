import type { Finding } from '../core/finding.js';
import { renderMessages } from '../core/render-message.js';
import type { PublishPort } from '../deps.js';

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
      throw new Error(`publishing ${message.findingIds.length} finding(s) failed`, { cause });
    }
  }
  return messages.length;
}
