import {
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  EC2Client,
  GetManagedPrefixListAssociationsCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { meteredEc2For } from '../../functions/adapters/aws-deps.js';
import { createEc2Port } from '../../functions/adapters/ec2-adapter.js';
import { silentLog } from '../../functions/log.js';
import { describedSshRule } from '../support/policy.js';

const ec2Mock = mockClient(EC2Client);
const port = () => createEc2Port(new EC2Client({ region: 'eu-west-1' }), silentLog);

const described = describedSshRule;

/** Serves `total` rules the way EC2 pages them: at most MaxResults per page, a token while more remain. */
function serveRules(total: number) {
  const all = Array.from({ length: total }, (_, i) => described(i));
  ec2Mock
    .on(DescribeSecurityGroupRulesCommand)
    .callsFake((input: { MaxResults: number; NextToken?: string }) => {
      const start = Number(input.NextToken ?? 0);
      const end = Math.min(start + input.MaxResults, total);
      return {
        SecurityGroupRules: all.slice(start, end),
        ...(end < total ? { NextToken: String(end) } : {}),
      };
    });
}

describe('the EC2 reads a sweep needs', () => {
  beforeEach(() => ec2Mock.reset());

  it('reads every rule of a region in pages of 1,000, without a filter: 2,500 rules are 3 pages', async () => {
    serveRules(2500);
    const pages: number[] = [];
    const { ec2For, callsIn } = meteredEc2For((region) => new EC2Client({ region }), silentLog);
    const ec2 = ec2For('eu-west-1');
    const rules = await ec2.readAllRules((n) => pages.push(n));
    expect(rules).toHaveLength(2500);
    expect(new Set(rules.map((r) => r.ruleId)).size).toBe(2500);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupRulesCommand).map((c) => c.args[0].input)).toEqual([
      { MaxResults: 1000, NextToken: undefined },
      { MaxResults: 1000, NextToken: '1000' },
      { MaxResults: 1000, NextToken: '2000' },
    ]);
    expect(pages).toEqual([1000, 2000, 2500]);
    expect(callsIn('eu-west-1')).toBe(3);
  });

  it('reads an empty region in one call', async () => {
    serveRules(0);
    await expect(port().readAllRules()).resolves.toEqual([]);
    expect(ec2Mock.calls()).toHaveLength(1);
  });

  it('lists the enabled regions only, sorted', async () => {
    ec2Mock.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'opted-in' },
        { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' },
        { RegionName: 'eu-west-1' },
      ],
    });
    await expect(port().listRegions()).resolves.toEqual(['af-south-1', 'eu-west-1', 'us-east-1']);
    expect(ec2Mock.commandCalls(DescribeRegionsCommand)[0]?.args[0].input).toEqual({ AllRegions: false });
  });

  it('finds the security groups (not route tables) that use a prefix list, every page', async () => {
    ec2Mock
      .on(GetManagedPrefixListAssociationsCommand, { NextToken: undefined })
      .resolves({
        PrefixListAssociations: [
          { ResourceId: 'sg-0aaaaaaaaaaaaaaa1', ResourceOwner: '123456789012' },
          { ResourceId: 'rtb-0bbbbbbbbbbbbbbb1', ResourceOwner: '123456789012' },
        ],
        NextToken: 'p2',
      })
      .on(GetManagedPrefixListAssociationsCommand, { NextToken: 'p2' })
      .resolves({ PrefixListAssociations: [{ ResourceId: 'sg-0aaaaaaaaaaaaaaa2' }] });
    const { ec2For, callsIn } = meteredEc2For((region) => new EC2Client({ region }), silentLog);
    const ec2 = ec2For('eu-west-1');
    await expect(ec2.findPrefixListGroups('pl-0c0ffee0c0ffee001')).resolves.toEqual([
      'sg-0aaaaaaaaaaaaaaa1',
      'sg-0aaaaaaaaaaaaaaa2',
    ]);
    expect(ec2Mock.commandCalls(GetManagedPrefixListAssociationsCommand).map((c) => c.args[0].input)).toEqual(
      [
        { PrefixListId: 'pl-0c0ffee0c0ffee001', MaxResults: 255, NextToken: undefined },
        { PrefixListId: 'pl-0c0ffee0c0ffee001', MaxResults: 255, NextToken: 'p2' },
      ],
    );
    expect(callsIn('eu-west-1')).toBe(2);
  });

  it('finds no group for a prefix list that no longer exists, and throws on anything else', async () => {
    ec2Mock
      .on(GetManagedPrefixListAssociationsCommand)
      .rejectsOnce(Object.assign(new Error('gone'), { name: 'InvalidPrefixListID.NotFound' }))
      .rejectsOnce(Object.assign(new Error('slow down'), { name: 'RequestLimitExceeded' }));
    await expect(port().findPrefixListGroups('pl-0dead')).resolves.toEqual([]);
    await expect(port().findPrefixListGroups('pl-0dead')).rejects.toThrow('slow down');
  });
});
