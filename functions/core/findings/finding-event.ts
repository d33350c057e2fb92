import type { Finding } from './finding.js';

/**
 * Findings as custom EventBridge events, one per finding: `source` and `detail-type` are fixed so
 * users write ordinary rules (`{"source": ["ssh-ingress-guard"], "detail": {"severity": ["critical"]}}`),
 * and `detail` is the finding document itself (finding.schema.json), unchanged.
 */
export const FINDING_EVENT_SOURCE = 'ssh-ingress-guard';
export const FINDING_EVENT_DETAIL_TYPE = 'SSH Ingress Guard Finding';

/** PutEvents: at most 10 entries and 256 KB per call, sizes counted as EventBridge counts them. */
export const PUT_EVENTS_MAX_ENTRIES = 10;
export const PUT_EVENTS_MAX_BYTES = 256 * 1024;

export interface FindingEventEntry {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Time: string;
  readonly EventBusName: string;
}

export function toFindingEvent(finding: Finding, eventBusName: string): FindingEventEntry {
  return {
    Source: FINDING_EVENT_SOURCE,
    DetailType: FINDING_EVENT_DETAIL_TYPE,
    Detail: JSON.stringify(finding),
    Time: finding.observedAt,
    EventBusName: eventBusName,
  };
}

/** EventBridge's entry size: a fixed 14 bytes for Time, plus Source, DetailType and Detail in UTF-8. */
export function entrySize(entry: FindingEventEntry, byteLength: (text: string) => number): number {
  return 14 + byteLength(entry.Source) + byteLength(entry.DetailType) + byteLength(entry.Detail);
}

/** Batches in order, each within both PutEvents limits; an entry too big for any call is its own batch. */
export function batchEntries(
  entries: readonly FindingEventEntry[],
  byteLength: (text: string) => number,
): FindingEventEntry[][] {
  const batches: FindingEventEntry[][] = [];
  let current: FindingEventEntry[] = [];
  let size = 0;
  for (const entry of entries) {
    const cost = entrySize(entry, byteLength);
    if (
      current.length > 0 &&
      (current.length === PUT_EVENTS_MAX_ENTRIES || size + cost > PUT_EVENTS_MAX_BYTES)
    ) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(entry);
    size += cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
