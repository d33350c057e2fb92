import { identifyCallerTool } from '../core/findings/caller-tool.js';
import type { StackRef } from '../core/findings/finding.js';
import type { Trigger } from '../core/model/trigger.js';
import type { RuleOutcome } from '../core/remediation/outcome.js';
import type { Ec2Port } from '../deps.js';

const STACK_TOOLS = new Set(['CloudFormation', 'AWS CDK']);

/**
 * The CloudFormation stack that owns each group a CloudFormation (or CDK) call opened to the
 * world, from the tags CloudFormation puts on what it creates. Read only then: other events, and
 * every compliant one, cost no call. A read that fails leaves the stack unnamed; the finding still
 * names the tool.
 */
export async function readStacks(
  outcomes: readonly RuleOutcome[],
  trigger: Trigger,
  ec2: Pick<Ec2Port, 'readGroupTags'>,
): Promise<ReadonlyMap<string, StackRef>> {
  if (trigger.kind !== 'cloudtrail' || !STACK_TOOLS.has(identifyCallerTool(trigger).name)) return new Map();
  const groupIds = [
    ...new Set(
      outcomes.flatMap((o) =>
        o.evaluation.verdict === 'world-open' && o.evaluation.rule.groupId ? [o.evaluation.rule.groupId] : [],
      ),
    ),
  ];
  if (groupIds.length === 0) return new Map();
  const tags = await ec2.readGroupTags(groupIds).catch(() => undefined);
  const stacks = new Map<string, StackRef>();
  for (const [groupId, groupTags] of tags ?? []) {
    const stack = {
      ...(groupTags['aws:cloudformation:stack-name']
        ? { name: groupTags['aws:cloudformation:stack-name'] }
        : {}),
      ...(groupTags['aws:cloudformation:stack-id'] ? { id: groupTags['aws:cloudformation:stack-id'] } : {}),
      ...(groupTags['aws:cloudformation:logical-id']
        ? { logicalId: groupTags['aws:cloudformation:logical-id'] }
        : {}),
    };
    if (stack.name || stack.id) stacks.set(groupId, stack);
  }
  return stacks;
}
