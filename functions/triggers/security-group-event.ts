import type { RuleSelection } from '../core/model/selection.js';
import { parseAuthorize } from '../parse/authorize.js';
import type { Json, Parsed } from '../parse/json.js';
import { ok } from '../parse/json.js';
import { parseModify } from '../parse/modify.js';
import type { GuardWork } from './work.js';

/** AuthorizeSecurityGroupIngress → the rules it created (from the rule set, or to match against the group). */
export function parseAuthorizeWork(detail: Json): Parsed<GuardWork> {
  return asRulesWork(parseAuthorize(detail));
}

/** ModifySecurityGroupRules → the rules it rewrote, named by id. */
export function parseModifyWork(detail: Json): Parsed<GuardWork> {
  return asRulesWork(parseModify(detail));
}

function asRulesWork(selection: Parsed<RuleSelection>): Parsed<GuardWork> {
  return selection.ok ? ok({ kind: 'rules', selection: selection.value }) : selection;
}
