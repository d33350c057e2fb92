import {
  advanceOpening,
  type Opening,
  type OpeningHistory,
  type StoredOpening,
} from '../../functions/core/policy/opening-history.js';
import type { OpeningLogPort } from '../../functions/deps.js';

/** The repeat counter in memory: the same rule the DynamoDB adapter's conditional writes implement. */
export class InMemoryOpeningLog implements OpeningLogPort {
  readonly items = new Map<string, StoredOpening>();
  readonly calls: Opening[] = [];
  /** When set, every record fails with it (a throttled or denied table). */
  failure?: Error;

  async recordOpening(opening: Opening): Promise<OpeningHistory> {
    this.calls.push(opening);
    if (this.failure) throw this.failure;
    const next = advanceOpening(this.items.get(opening.key), opening);
    this.items.set(opening.key, next);
    const { lastEventId: _id, ...history } = next;
    return history;
  }
}
