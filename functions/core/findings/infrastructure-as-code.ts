import type { Trigger } from '../model/trigger.js';
import type { RuleOutcome } from '../remediation/outcome.js';
import { type CallerTool, describeTool, identifyCallerTool } from './caller-tool.js';
import type { StackRef } from './finding.js';

/** Actions after which the rule is gone, or would be: what the next apply of the code brings back. */
const REMOVED = new Set(['revoked', 'narrowed', 'replaced', 'would-revoke', 'already-gone']);

/**
 * When infrastructure as code opened the rule, the finding names the tool (and the stack that owns
 * the group, when CloudFormation's tags say) and warns that the next apply re-opens the rule: the
 * fix belongs in the code, not in the console.
 */
export function reappliedBy(
  outcome: RuleOutcome,
  trigger: Trigger,
  stack: StackRef | undefined,
): { readonly tool: CallerTool & { readonly stack?: StackRef }; readonly note: string } | undefined {
  if (trigger.kind !== 'cloudtrail' || !REMOVED.has(outcome.action)) return undefined;
  const tool = identifyCallerTool(trigger);
  if (tool.kind !== 'infrastructure-as-code') return undefined;
  const named = stack?.name ?? stack?.id;
  const where = named ? ` (stack ${named}${stack?.logicalId ? `, resource ${stack.logicalId}` : ''})` : '';
  return {
    tool: { ...tool, ...(stack && named ? { stack } : {}) },
    note: `opened by ${describeTool(tool)}${where}: the next apply will re-open it unless the code changes`,
  };
}
