import type { RuleSelection } from '../core/model/selection.js';
import type { Ec2Port } from '../deps.js';
import { parseAuthorize } from '../parse/authorize.js';
import type { Json, Parsed } from '../parse/json.js';
import { fail, ok } from '../parse/json.js';
import { parseModify } from '../parse/modify.js';
import type { EventWork } from './event-work.js';
import { selectFromPrefixListEvent } from './prefix-list-event.js';

const PARSERS: Readonly<Record<string, (record: Json) => Parsed<RuleSelection>>> = {
  AuthorizeSecurityGroupIngress: parseAuthorize,
  ModifySecurityGroupRules: parseModify,
};

/** CloudTrail security group calls → the rules they created or changed. */
export function selectFromSecurityGroupEvent(eventName: string, record: Json): Parsed<RuleSelection> {
  const parse = PARSERS[eventName];
  return parse ? parse(record) : fail(`no parser for ${eventName}`);
}

/** Every EC2 CloudTrail call the guard handles → the pipeline's work. Only a prefix list edit reads AWS here. */
export async function adaptEc2Event(
  eventName: string,
  record: Json,
  ec2: Ec2Port,
): Promise<Parsed<EventWork>> {
  if (eventName === 'ModifyManagedPrefixList') return selectFromPrefixListEvent(record, ec2);
  const selection = selectFromSecurityGroupEvent(eventName, record);
  return selection.ok ? ok({ kind: 'guard', selection: selection.value }) : selection;
}
