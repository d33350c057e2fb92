import {
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  type EC2Client,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { Rule } from '../core/model/rule.js';

/**
 * The sweep's reads. DescribeSecurityGroupRules is the adapter's own action; DescribeRegions only the
 * sweep's role is granted (serverless.yml `custom.adapters`, held by test/infra/iam.test.ts).
 */
export const INVENTORY_ACTIONS = ['ec2:DescribeRegions'] as const;

/** What the EC2 adapter needs of a client: `send`. Lets the adapter count calls without a middleware. */
export type Ec2Sender = Pick<EC2Client, 'send'>;

/**
 * Counts every call sent through the client. Counting here rather than in SDK middleware means the
 * figure is one per API call (retries are the SDK's business) and holds with mocked clients too.
 */
export function countCalls(client: EC2Client): { client: Ec2Sender; count: () => number } {
  let calls = 0;
  const send = ((...args: Parameters<EC2Client['send']>) => {
    calls += 1;
    return (client.send as (...a: unknown[]) => unknown)(...args);
  }) as EC2Client['send'];
  return { client: { send }, count: () => calls };
}

/** The sweep reads a region's rules with no filter: 1,000 per page, the most EC2 allows, every page. */
export async function readAllRules(
  client: Ec2Sender,
  toRule: (raw: SecurityGroupRule, into: Rule[]) => void,
  onPage?: (rulesRead: number) => void,
): Promise<Rule[]> {
  const rules: Rule[] = [];
  let read = 0;
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeSecurityGroupRulesCommand({ MaxResults: 1000, NextToken }));
    for (const raw of page.SecurityGroupRules ?? []) toRule(raw, rules);
    read += page.SecurityGroupRules?.length ?? 0;
    onPage?.(read);
    NextToken = page.NextToken;
  } while (NextToken);
  return rules;
}

/** AllRegions false returns exactly the regions enabled for the account; opt-in regions not enabled are left out. */
export async function listRegions(client: Ec2Sender): Promise<string[]> {
  const out = await client.send(new DescribeRegionsCommand({ AllRegions: false }));
  return (out.Regions ?? [])
    .filter((r) => r.OptInStatus !== 'not-opted-in')
    .flatMap((r) => (r.RegionName ? [r.RegionName] : []))
    .sort();
}
