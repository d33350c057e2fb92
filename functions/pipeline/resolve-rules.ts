import {
  type CurrentRule,
  type MissingRule,
  type RequestedRule,
  ruleContentKey,
  rulesByGroup,
} from '../core/model/rule.js';
import type { RuleSelection } from '../core/model/selection.js';
import type { GroupInfo, RuleReader } from '../deps.js';

export interface ResolvedRules {
  readonly rules: readonly CurrentRule[];
  /** Requested rules that match nothing the group holds now: their own findings, nothing to revoke. */
  readonly missing: readonly MissingRule[];
  readonly groups: ReadonlyMap<string, GroupInfo>;
  /** Every rule of each group is present, so a group's rules can be judged together. */
  readonly wholeGroups: boolean;
  /**
   * Every current rule of the groups read to find the requested rules, by group id: what the group
   * held besides them, at hand if the decision wants the group summed (no second read).
   */
  readonly groupRules?: ReadonlyMap<string, readonly CurrentRule[]>;
}

/** Reads from EC2 only what the selection lacks (minimal calls): a complete rule set costs no call. */
export async function resolveRules(selection: RuleSelection, ec2: RuleReader): Promise<ResolvedRules> {
  switch (selection.kind) {
    case 'rules':
      return {
        rules: selection.rules,
        missing: [],
        groups: new Map(),
        wholeGroups: selection.wholeGroups === true,
      };
    case 'groups':
      return {
        rules: await ec2.readRulesOfGroups(selection.groupIds),
        missing: [],
        groups: new Map(),
        wholeGroups: true,
      };
    case 'rule-ids': {
      const rules = await ec2.readRulesById(selection.ruleIds);
      const found = new Set(rules.map((r) => r.ruleId));
      // A rule deleted since the call can no longer be revoked: it is reported as what was asked.
      const missing = selection.requested.filter((r) => !(r.ruleId && found.has(r.ruleId))).map(toMissing);
      return { rules, missing, groups: new Map(), wholeGroups: false };
    }
    case 'match':
      return matchRequested(selection.rules, ec2);
  }
}

/**
 * What was asked, without the id EC2 no longer knows. A request that did not say its direction
 * (ModifySecurityGroupRules) is judged as ingress: the conservative reading, as before it was read back.
 */
export function toMissing(requested: RequestedRule): MissingRule {
  const { ruleId: _, direction, ...rest } = requested;
  return { ...rest, direction: direction === 'egress' ? 'egress' : 'ingress' };
}

/** Pre-2021 records carry no rule ids: find each requested rule among the group's current ingress rules. */
async function matchRequested(requested: readonly RequestedRule[], ec2: RuleReader): Promise<ResolvedRules> {
  const names = [...new Set(requested.flatMap((r) => (!r.groupId && r.groupName ? [r.groupName] : [])))];
  const byName = new Map(
    (names.length > 0 ? await ec2.findGroupsByName(names) : []).map((g) => [g.groupName, g]),
  );
  const withIds = requested.map((r) => {
    const group = r.groupId ? undefined : byName.get(r.groupName);
    return group ? { ...r, groupId: group.groupId } : r;
  });
  const groupIds = [...new Set(withIds.flatMap((r) => (r.groupId ? [r.groupId] : [])))];
  const current = groupIds.length > 0 ? await ec2.readRulesOfGroups(groupIds) : [];
  const byContent = new Map<string, CurrentRule>();
  for (const rule of current) if (rule.direction === 'ingress') byContent.set(ruleContentKey(rule), rule);
  const rules: CurrentRule[] = [];
  const missing: MissingRule[] = [];
  for (const r of withIds) {
    const match = byContent.get(ruleContentKey(r));
    if (match) rules.push({ ...match, ...(r.groupName ? { groupName: r.groupName } : {}) });
    else missing.push(toMissing(r));
  }
  const groups = new Map([...byName.values()].map((g) => [g.groupId, g]));
  const groupRules = rulesByGroup(groupIds, current);
  return { rules, missing, groups, wholeGroups: false, groupRules };
}
