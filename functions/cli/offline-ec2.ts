import type { CurrentRule } from '../core/model/rule.js';
import type { Ec2Port } from '../deps.js';

const OFFLINE = 'offline scan: the input holds no prefix list entries';

/**
 * The EC2 port over a saved describe output. Nothing here reaches AWS: prefix lists cannot be
 * expanded (their rules are reported for review, never called compliant on a guess), and nothing
 * can be revoked or authorized (the CLI allows --input only in report mode).
 */
export function offlineEc2(rules: readonly CurrentRule[], regions: readonly string[]): Ec2Port {
  return {
    readAllRules: async (onPage) => {
      onPage?.(rules.length);
      return [...rules];
    },
    readRulesOfGroups: async (groupIds) => rules.filter((r) => groupIds.includes(r.groupId)),
    readRulesById: async (ruleIds) => rules.filter((r) => ruleIds.includes(r.ruleId)),
    findGroupsByName: async () => [],
    readPrefixLists: async (ids) => ids.map((id) => ({ id, error: OFFLINE })),
    revokeIngress: async () => {
      throw new Error('an offline scan cannot revoke');
    },
    authorizeIngress: async () => {
      throw new Error('an offline scan cannot authorize');
    },
    // No EIC lists and no tags are known offline: nothing is replaced, no tag exempts a rule.
    findEicPrefixLists: async (region) => ({ region }),
    readGroupTags: async () => new Map(),
    listRegions: async () => [...regions],
    findPrefixListGroups: async () => [],
  };
}
