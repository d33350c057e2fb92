import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { inMemoryDeps } from './in-memory-aws.js';
import { ruleOf } from './policy.js';

/** The customer prefix list of the prefix-list trigger tests, and the group whose tcp/22 rule uses it. */
export const LIST = 'pl-0c0ffee0c0ffee001';
export const GROUP = 'sg-0b1b2b3b4b5b6b7b8';
export const CORP = ['10.0.0.0/8', '172.16.0.0/12'];

/**
 * An in-memory account whose group's tcp/22 rule references the list, and the guard over it.
 * `entries` is what a fresh read of the list returns, `at` its version and state: the guard judges
 * the list as it is, never its history.
 */
export function accountReferencingList(entries: string[], at: { version?: number; state?: string } = {}) {
  const aws = inMemoryDeps();
  const ec2 = aws.ec2For('eu-west-1');
  ec2.prefixLists.set(LIST, {
    id: LIST,
    name: 'ops-bastion-sources',
    ownerId: '123456789012',
    entries,
    ...at,
  });
  const usesList = ruleOf({ groupId: GROUP, source: { kind: 'prefix-list', prefixListId: LIST } });
  ec2.addRules(usesList);
  const handler = makeGuardHandler(
    loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:t' }),
    aws.deps,
    silentLog,
  );
  return { ...aws, ec2, usesList, handler };
}
