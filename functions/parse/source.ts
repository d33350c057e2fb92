import { parseCidr } from '../core/model/cidr.js';
import type { Source } from '../core/model/rule.js';
import { describeValue } from './json.js';

export interface SourceFields {
  readonly cidrIpv4?: unknown;
  readonly cidrIpv6?: unknown;
  readonly prefixListId?: unknown;
  readonly groupId?: unknown;
  readonly userId?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The one source of a rule, whichever spelling its record used (rule set camelCase, Modify
 * PascalCase, SDK output): each parser maps its field names, this decides. Undefined when none.
 */
export function toSource(fields: SourceFields): Source | undefined {
  const v4 = text(fields.cidrIpv4);
  if (v4) return { kind: 'cidr4', cidr: v4 };
  const v6 = text(fields.cidrIpv6);
  if (v6) return { kind: 'cidr6', cidr: v6 };
  const list = text(fields.prefixListId);
  if (list) return { kind: 'prefix-list', prefixListId: list };
  const group = text(fields.groupId);
  const userId = text(fields.userId);
  if (group) return { kind: 'group', groupId: group, ...(userId ? { userId } : {}) };
  return undefined;
}

/**
 * Why a CIDR source cannot be judged, or undefined when it can. A spelling EC2 may have stored as
 * one of several networks (`010.0.0.0/8`), or an address of the other family in a field, is
 * reported in the event's unparsed finding: never judged as a guess, never "not SSH".
 */
export function cidrProblem(source: Source): string | undefined {
  if (source.kind !== 'cidr4' && source.kind !== 'cidr6') return undefined;
  const family = source.kind === 'cidr4' ? 4 : 6;
  const cidr = parseCidr(source.cidr);
  if (cidr?.family === family) return undefined;
  return cidr
    ? `${describeValue(source.cidr)} is not an IPv${family} CIDR`
    : `${describeValue(source.cidr)} cannot be read as one IPv${family} network`;
}
