import { type Rule, ruleContentKey } from '../core/model/rule.js';
import type { RuleSelection } from '../core/model/selection.js';
import type { Ec2Port, GroupInfo } from '../deps.js';

export interface ResolvedRules {
  readonly rules: readonly Rule[];
  readonly groups: ReadonlyMap<string, GroupInfo>;
  /** Every rule of each group is present, so a group's rules can be judged together. */
  readonly wholeGroups?: boolean;
}

/** Reads from EC2 only what the selection lacks (SPEC §5): a complete rule set costs no call. */
export async function resolveRules(selection: RuleSelection, ec2: Ec2Port): Promise<ResolvedRules> {
  switch (selection.kind) {
    case 'rules':
      return { rules: selection.rules, groups: new Map(), wholeGroups: selection.wholeGroups === true };
    case 'groups':
      return { rules: await ec2.readRulesOfGroups(selection.groupIds), groups: new Map(), wholeGroups: true };
    case 'rule-ids': {
      const current = await ec2.readRulesById(selection.ruleIds);
      const found = new Set(current.map((r) => r.ruleId));
      // A rule deleted since the call can no longer be revoked; without an id it plans as already-gone.
      const gone = selection.requested
        .filter((r) => !found.has(r.ruleId))
        .map(({ ruleId: _, ...rest }) => rest);
      return { rules: [...current, ...gone], groups: new Map() };
    }
    case 'match':
      return matchRequested(selection.rules, ec2);
  }
}

/** Pre-2021 records carry no rule ids: find each requested rule among the group's current ingress rules. */
async function matchRequested(requested: readonly Rule[], ec2: Ec2Port): Promise<ResolvedRules> {
  const names = [
    ...new Set(requested.filter((r) => !r.groupId && r.groupName).map((r) => r.groupName as string)),
  ];
  const byName = new Map(
    (names.length > 0 ? await ec2.findGroupsByName(names) : []).map((g) => [g.groupName, g]),
  );
  const withIds = requested.map((r) => {
    const group = r.groupId ? undefined : byName.get(r.groupName);
    return group ? { ...r, groupId: group.groupId } : r;
  });
  const groupIds = [...new Set(withIds.flatMap((r) => (r.groupId ? [r.groupId] : [])))];
  const current = groupIds.length > 0 ? await ec2.readRulesOfGroups(groupIds) : [];
  const byContent = new Map<string, Rule>();
  for (const rule of current) if (rule.direction === 'ingress') byContent.set(ruleContentKey(rule), rule);
  const rules = withIds.map((r) => {
    const match = byContent.get(ruleContentKey(r));
    return match ? { ...match, ...(r.groupName ? { groupName: r.groupName } : {}) } : r;
  });
  const groups = new Map([...byName.values()].map((g) => [g.groupId, g]));
  return { rules, groups };
}
