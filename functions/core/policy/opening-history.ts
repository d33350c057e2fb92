import { describeSource, type Rule } from '../model/rule.js';

/**
 * How often a world-open rule was opened on one group from one source. Openings closer together
 * than the window count as one run; a longer pause starts the count again. The window is measured
 * between consecutive openings, so an endless fight with a pipeline that re-applies every day
 * keeps escalating.
 */
export interface OpeningHistory {
  readonly count: number;
  readonly firstAt: string;
  readonly lastAt: string;
  readonly windowHours: number;
}

/** One opening to record: what makes it the same rule, which event, and when. */
export interface Opening {
  readonly key: string;
  readonly eventId: string;
  readonly at: string;
  readonly windowHours: number;
}

/** What the store keeps per key: the history and the event that last counted (redeliveries count once). */
export interface StoredOpening extends OpeningHistory {
  readonly lastEventId: string;
}

/** Same group and same source, whatever the ports: re-adding `22` or `0-65535` is the same fight. */
export function openingKeyOf(account: string, region: string, rule: Rule): string {
  return [account, region, rule.groupId ?? rule.groupName ?? '', describeSource(rule.source)].join('/');
}

/**
 * The history after one more opening: the rule a store implements (the DynamoDB adapter with
 * conditional writes, the in-memory fake with this function).
 */
export function advanceOpening(previous: StoredOpening | undefined, opening: Opening): StoredOpening {
  if (previous?.lastEventId === opening.eventId) return previous;
  const windowMs = opening.windowHours * 3_600_000;
  const stale = !previous || Date.parse(opening.at) - Date.parse(previous.lastAt) > windowMs;
  if (stale) {
    return {
      count: 1,
      firstAt: opening.at,
      lastAt: opening.at,
      windowHours: opening.windowHours,
      lastEventId: opening.eventId,
    };
  }
  // Events may arrive out of order: the run spans the earliest and the latest opening seen.
  // Times are compared as instants: CloudTrail writes `...:00Z`, other sources `...:00.000Z`.
  const time = Date.parse(opening.at);
  const firstAt = time < Date.parse(previous.firstAt) ? opening.at : previous.firstAt;
  const lastAt = time > Date.parse(previous.lastAt) ? opening.at : previous.lastAt;
  return {
    ...previous,
    count: previous.count + 1,
    firstAt,
    lastAt,
    windowHours: opening.windowHours,
    lastEventId: opening.eventId,
  };
}
