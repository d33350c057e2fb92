import {
  DescribeManagedPrefixListsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  GetManagedPrefixListEntriesCommand,
  RevokeSecurityGroupIngressCommand,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import type { CurrentRule } from '../core/model/rule.js';
import type { PrefixListInfo } from '../core/policy/classify-source.js';
import type { Ec2Port, GroupInfo, RevokeResult } from '../deps.js';
import type { Log } from '../log.js';
import { fromDescribedRule } from '../parse/describe-rule.js';
import { errorCode, errorMessage, isCodeOf, isError } from './aws-error.js';
import type { Ec2Sender } from './count-calls.js';
import { authorizeIngress } from './ec2-authorize.js';
import { listRegions, readAllRules } from './ec2-inventory.js';
import { findEicPrefixLists, readGroupTags } from './ec2-lookups.js';
import { findPrefixListGroups } from './ec2-prefix-list-groups.js';

/** IAM actions this adapter calls; a test holds serverless.yml's role to exactly the declared set. */
export const EC2_ACTIONS = [
  'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeManagedPrefixLists',
  'ec2:GetManagedPrefixListEntries',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:AuthorizeSecurityGroupIngress',
] as const;

const FILTER_VALUES = 200;
const EIC_LIST_NAME = /^com\.amazonaws\.[a-z0-9-]+\.(ipv6\.)?ec2-instance-connect$/;

/**
 * Every EC2 role the guard uses, over one client. Call counting, when wanted, wraps the client
 * (count-calls.ts); the port itself only speaks EC2.
 */
export function createEc2Port(client: Ec2Sender, log: Log): Ec2Port {
  const toRule = (raw: SecurityGroupRule, rules: CurrentRule[]) => pushRule(rules, raw, log);

  async function describeRules(filterName: string, values: readonly string[]): Promise<CurrentRule[]> {
    const rules: CurrentRule[] = [];
    for (let i = 0; i < values.length; i += FILTER_VALUES) {
      const Values = values.slice(i, i + FILTER_VALUES);
      let NextToken: string | undefined;
      do {
        const page = await client.send(
          new DescribeSecurityGroupRulesCommand({
            Filters: [{ Name: filterName, Values }],
            MaxResults: 1000,
            NextToken,
          }),
        );
        for (const raw of page.SecurityGroupRules ?? []) pushRule(rules, raw, log);
        NextToken = page.NextToken;
      } while (NextToken);
    }
    return rules;
  }

  return {
    readRulesOfGroups: (groupIds) => describeRules('group-id', groupIds),
    readRulesById: (ruleIds) => describeRules('security-group-rule-id', ruleIds),

    async findGroupsByName(groupNames) {
      const found: GroupInfo[] = [];
      for (const name of groupNames) {
        try {
          // GroupNames (not a filter) means the default VPC, which is what a request by name meant.
          const out = await client.send(new DescribeSecurityGroupsCommand({ GroupNames: [name] }));
          for (const g of out.SecurityGroups ?? []) {
            if (g.GroupId)
              found.push({
                groupId: g.GroupId,
                groupName: g.GroupName ?? name,
                ...(g.VpcId ? { vpcId: g.VpcId } : {}),
              });
          }
        } catch (error) {
          if (!isError(error, 'group-gone')) throw error;
        }
      }
      return found;
    },

    async readPrefixLists(prefixListIds) {
      const lists: PrefixListInfo[] = [];
      for (const id of prefixListIds) lists.push(await readPrefixList(client, id));
      return lists;
    },

    async revokeIngress(groupId, ruleIds) {
      const attempt = await revoke(client, groupId, ruleIds);
      // EC2 rejects the whole call when one id is unknown, so nothing was revoked: retry one by one,
      // or a rule that is still open would be reported as gone. A deleted group needs no retry.
      if (ruleIds.length > 1 && attempt.code && isCodeOf(attempt.code, 'rule-gone')) {
        const each = new Map<string, RevokeResult>();
        for (const id of ruleIds) each.set(id, (await revoke(client, groupId, [id])).result);
        return each;
      }
      return new Map(ruleIds.map((id) => [id, attempt.result]));
    },

    authorizeIngress: (groupId, permissions) => authorizeIngress(client, groupId, permissions),
    findEicPrefixLists: (region) => findEicPrefixLists(client, region),
    readGroupTags: (groupIds) => readGroupTags(client, groupIds),

    readAllRules: (onPage) => readAllRules(client, toRule, onPage),
    listRegions: () => listRegions(client),
    findPrefixListGroups: (prefixListId) => findPrefixListGroups(client, prefixListId),
  };
}

function pushRule(rules: CurrentRule[], raw: SecurityGroupRule, log: Log): void {
  const rule = fromDescribedRule(raw);
  if (rule) rules.push(rule);
  else
    log.warn('security group rule not understood; left alone', {
      ruleId: raw.SecurityGroupRuleId,
      groupId: raw.GroupId,
    });
}

async function revoke(
  client: Ec2Sender,
  groupId: string,
  ruleIds: readonly string[],
): Promise<{ result: RevokeResult; code?: string }> {
  try {
    const out = await client.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: groupId, SecurityGroupRuleIds: [...ruleIds] }),
    );
    if (out.Return === false)
      return {
        result: { status: 'failed', code: 'RevokeReturnedFalse', message: 'EC2 answered Return=false' },
      };
    return { result: { status: 'revoked' } };
  } catch (error) {
    const code = errorCode(error);
    if (isCodeOf(code, 'rule-gone', 'group-gone')) return { result: { status: 'already-gone' }, code };
    return { result: { status: 'failed', code, message: errorMessage(error) }, code };
  }
}

async function readPrefixList(client: Ec2Sender, id: string): Promise<PrefixListInfo> {
  try {
    const described = await client.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [id] }));
    const list = described.PrefixLists?.[0];
    const known = {
      id,
      ...(list?.PrefixListName ? { name: list.PrefixListName } : {}),
      ...(list?.OwnerId ? { ownerId: list.OwnerId } : {}),
    };
    // The EC2 Instance Connect list is recognised by its name and owner (classify-source.ts): reading
    // its entries would be one call more than the minimum for nothing.
    if (known.ownerId === 'AWS' && known.name !== undefined && EIC_LIST_NAME.test(known.name)) return known;
    const entries: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new GetManagedPrefixListEntriesCommand({ PrefixListId: id, MaxResults: 100, NextToken }),
      );
      for (const entry of page.Entries ?? []) if (entry.Cidr) entries.push(entry.Cidr);
      NextToken = page.NextToken;
    } while (NextToken);
    return { ...known, entries };
  } catch (error) {
    // A list that is gone or denied to us becomes a review finding naming the error (no revoke on a
    // guess); anything a retry can fix (throttling, outages) throws so Lambda tries again.
    if (!isError(error, 'list-gone', 'denied')) throw error;
    return { id, error: `${errorCode(error)}: ${errorMessage(error)}` };
  }
}
