import type { Source } from '../core/model/rule.js';

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
