import {
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { CurrentRule } from '../core/model/rule.js';
import type { Ec2Sender } from './count-calls.js';

/**
 * The sweep's reads. DescribeSecurityGroupRules is the adapter's own action; DescribeRegions only the
 * sweep's role is granted (serverless.yml `custom.adapters`, held by test/infra/iam.test.ts).
 */
export const INVENTORY_ACTIONS = ['ec2:DescribeRegions'] as const;

/** The sweep reads a region's rules with no filter: 1,000 per page, the most EC2 allows, every page. */
export async function readAllRules(
  client: Ec2Sender,
  toRule: (raw: SecurityGroupRule, into: CurrentRule[]) => void,
  onPage?: (rulesRead: number) => void,
): Promise<CurrentRule[]> {
  const rules: CurrentRule[] = [];
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
