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
  visit: (item: Record<string, unknown>) => void,
): Promise<void> {
  let token: string | undefined;
  do {
    const reply = asRecord(await ssm(action, token ? { ...input, NextToken: token } : input));
    const items = reply[key];
    if (Array.isArray(items)) for (const item of items) visit(asRecord(item));
    token = typeof reply.NextToken === 'string' && reply.NextToken !== '' ? reply.NextToken : undefined;
  } while (token);
}

export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

export const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
