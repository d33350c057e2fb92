import type { RuleSelection } from '../core/selection.js';
import { parseAuthorize } from '../parse/authorize.js';
import type { Json, Parsed } from '../parse/json.js';
import { fail } from '../parse/json.js';
import { parseModify } from '../parse/modify.js';

const PARSERS: Readonly<Record<string, (record: Json) => Parsed<RuleSelection>>> = {
  AuthorizeSecurityGroupIngress: parseAuthorize,
  ModifySecurityGroupRules: parseModify,
};

/** CloudTrail security group calls → the rules they created or changed. */
export function selectFromSecurityGroupEvent(eventName: string, record: Json): Parsed<RuleSelection> {
  const parse = PARSERS[eventName];
  return parse ? parse(record) : fail(`no parser for ${eventName}`);
}
