import { type Json, obj, str } from '../parse/json.js';
import type { JsonCaller } from './signed-json.js';

/** The Systems Manager actions the host posture reads call (JSON 1.1, `X-Amz-Target: AmazonSSM.<action>`). */
export type SsmAction = 'ListComplianceItems' | 'ListResourceComplianceSummaries';

/** One region's Systems Manager, as the two compliance reads use it: an action and its JSON input. */
export type SsmCaller = (action: SsmAction, input: Record<string, unknown>) => Promise<unknown>;

/** Binds a signed JSON caller to Systems Manager in one region. */
export function ssmCaller(call: JsonCaller, region: string): SsmCaller {
  return (action, input) =>
    call({ service: 'ssm', region, path: '/', target: `AmazonSSM.${action}`, body: input });
}

/** The compliance filter both reads use: the items the posture association writes, and no others. */
export const complianceTypeFilter = (type: string) => [
  { Key: 'ComplianceType', Values: [type], Type: 'EQUAL' },
];

/**
 * Every page of one list call: `NextToken` is passed back until the reply has none, and each reply's
 * list under `key` is handed over. Replies are JSON the service wrote; anything that is not an
 * object in the list is skipped.
 */
export async function forEachPage(
  ssm: SsmCaller,
  action: SsmAction,
  input: Record<string, unknown>,
  key: string,
  visit: (item: Json) => void,
): Promise<void> {
  let token: string | undefined;
  do {
    const reply = obj(await ssm(action, token ? { ...input, NextToken: token } : input)) ?? {};
    const items = reply[key];
    if (Array.isArray(items)) for (const item of items) visit(obj(item) ?? {});
    token = str(reply.NextToken);
  } while (token);
}
