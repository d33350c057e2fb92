/**
 * Whether a CloudTrail selector change still delivers write management events (the calls that open
 * ports and the calls that tamper with the guard) to EventBridge. EventBridge patterns cannot judge a
 * list of selectors as a whole, so this does, from the request CloudTrail recorded for
 * PutEventSelectors (basic and advanced selectors are both set by that one call).
 */

/** kms.amazonaws.com: a trail may drop KMS management events, which hides tampering with the guard's key. */
const KMS_SOURCE = 'kms.amazonaws.com';

export type SelectorJudgement =
  | { readonly kind: 'keeps-management-writes'; readonly dropsKms: boolean }
  | { readonly kind: 'drops-management-writes' };

type Json = Readonly<Record<string, unknown>>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);

/** Basic selectors: management events are on unless `includeManagementEvents` is false. */
function judgeBasic(selectors: Json[]): SelectorJudgement {
  const writing = selectors.filter(
    (s) => s.includeManagementEvents !== false && s.readWriteType !== 'ReadOnly',
  );
  if (writing.length === 0) return { kind: 'drops-management-writes' };
  const dropsKms = writing.every((s) => strings(s.excludeManagementEventSources).includes(KMS_SOURCE));
  return { kind: 'keeps-management-writes', dropsKms };
}

interface FieldSelector {
  readonly field: string;
  readonly equals: string[];
  readonly notEquals: string[];
}

const fieldsOf = (selector: Json): FieldSelector[] =>
  list(selector.fieldSelectors).map((f) => ({
    // A field name is a string; anything else (however deep) names no field.
    field: typeof f.field === 'string' ? f.field : '',
    equals: strings(f.equals),
    notEquals: strings(f.notEquals),
  }));

/** An advanced selector that logs management calls that write (readOnly absent, or false allowed). */
function logsManagementWrites(fields: readonly FieldSelector[]): boolean {
  const category = fields.find((f) => f.field === 'eventCategory');
  if (!category?.equals.includes('Management')) return false;
  const readOnly = fields.find((f) => f.field === 'readOnly');
  if (!readOnly) return true;
  return readOnly.equals.includes('false') || readOnly.notEquals.includes('true');
}

const dropsSource = (fields: readonly FieldSelector[], source: string): boolean =>
  fields.some(
    (f) =>
      f.field === 'eventSource' &&
      (f.notEquals.includes(source) || (f.equals.length > 0 && !f.equals.includes(source))),
  );

function judgeAdvanced(selectors: Json[]): SelectorJudgement {
  const writing = selectors.map(fieldsOf).filter(logsManagementWrites);
  if (writing.length === 0) return { kind: 'drops-management-writes' };
  const ec2Dropped = writing.every((fields) => dropsSource(fields, 'ec2.amazonaws.com'));
  if (ec2Dropped) return { kind: 'drops-management-writes' };
  return {
    kind: 'keeps-management-writes',
    dropsKms: writing.every((fields) => dropsSource(fields, KMS_SOURCE)),
  };
}

/** Judges the selectors a PutEventSelectors request (basic or advanced selectors) set on its trail. */
export function judgeSelectors(request: Json): SelectorJudgement {
  if (Array.isArray(request.advancedEventSelectors))
    return judgeAdvanced(list(request.advancedEventSelectors));
  return judgeBasic(list(request.eventSelectors));
}
