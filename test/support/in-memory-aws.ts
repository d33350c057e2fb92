import type { PrefixListInfo } from '../../functions/core/classify-source.js';
import type { FindingMessage } from '../../functions/core/finding.js';
import type { OutboundMessage } from '../../functions/core/render-message.js';
import type { Rule } from '../../functions/core/rule.js';
import type { Deps, Ec2Port, GroupInfo, PublishPort, RevokeResult } from '../../functions/deps.js';

/**
 * In-memory fakes of the AWS ports. They `implement` the port interfaces, so the type checker keeps
 * them from drifting; the demo and the handler tests run the real pipeline against them.
 */
export class InMemoryEc2 implements Ec2Port {
  readonly rules = new Map<string, Rule>();
  readonly groups = new Map<string, GroupInfo>();
  readonly prefixLists = new Map<string, PrefixListInfo>();
  readonly calls: { action: string; args: unknown }[] = [];
  /** Per group id, a failure every revoke on that group answers with. */
  readonly revokeFailures = new Map<string, { code: string; message: string }>();

  addRules(...rules: Rule[]): this {
    for (const rule of rules) {
      if (!rule.ruleId) throw new Error('in-memory rules need ids');
      this.rules.set(rule.ruleId, rule);
    }
    return this;
  }

  async readRulesOfGroups(groupIds: readonly string[]): Promise<Rule[]> {
    this.calls.push({ action: 'readRulesOfGroups', args: groupIds });
    return [...this.rules.values()].filter((r) => r.groupId && groupIds.includes(r.groupId));
  }

  async readRulesById(ruleIds: readonly string[]): Promise<Rule[]> {
    this.calls.push({ action: 'readRulesById', args: ruleIds });
    return ruleIds.flatMap((id) => (this.rules.has(id) ? [this.rules.get(id) as Rule] : []));
  }

  async findGroupsByName(groupNames: readonly string[]): Promise<GroupInfo[]> {
    this.calls.push({ action: 'findGroupsByName', args: groupNames });
    return [...this.groups.values()].filter((g) => g.groupName && groupNames.includes(g.groupName));
  }

  async readPrefixLists(prefixListIds: readonly string[]): Promise<PrefixListInfo[]> {
    this.calls.push({ action: 'readPrefixLists', args: prefixListIds });
    return prefixListIds.map(
      (id) => this.prefixLists.get(id) ?? { id, error: 'InvalidPrefixListID.NotFound: not found' },
    );
  }

  async revokeIngress(
    groupId: string,
    ruleIds: readonly string[],
  ): Promise<ReadonlyMap<string, RevokeResult>> {
    this.calls.push({ action: 'revokeIngress', args: { groupId, ruleIds } });
    const failure = this.revokeFailures.get(groupId);
    const results = new Map<string, RevokeResult>();
    for (const id of ruleIds) {
      if (failure) results.set(id, { status: 'failed', ...failure });
      else if (this.rules.get(id)?.groupId === groupId && this.rules.delete(id))
        results.set(id, { status: 'revoked' });
      else results.set(id, { status: 'already-gone' });
    }
    return results;
  }

  /** What listRegions answers (the sweep's region list). */
  regions: string[] = ['eu-west-1'];
  /** When set, readAllRules fails with it (an opt-in region, AccessDenied...). */
  readAllFailure?: Error;
  /** Milliseconds each readAllRules takes, so tests can see regions overlap. */
  readAllDelayMs = 0;

  async readAllRules(onPage?: (rulesRead: number) => void): Promise<Rule[]> {
    this.calls.push({ action: 'readAllRules', args: undefined });
    if (this.readAllDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.readAllDelayMs));
    if (this.readAllFailure) throw this.readAllFailure;
    onPage?.(this.rules.size);
    return [...this.rules.values()];
  }

  async listRegions(): Promise<string[]> {
    this.calls.push({ action: 'listRegions', args: undefined });
    return [...this.regions];
  }

  async findPrefixListGroups(prefixListId: string): Promise<string[]> {
    this.calls.push({ action: 'findPrefixListGroups', args: prefixListId });
    const groups = [...this.rules.values()].flatMap((r) =>
      r.source.kind === 'prefix-list' && r.source.prefixListId === prefixListId && r.groupId
        ? [r.groupId]
        : [],
    );
    return [...new Set(groups)];
  }

  apiCallCount(): number {
    return this.calls.length;
  }

  callCount(action?: string): number {
    return action ? this.calls.filter((c) => c.action === action).length : this.calls.length;
  }
}

export class InMemoryPublisher implements PublishPort {
  readonly messages: OutboundMessage[] = [];
  failWith?: Error;

  async publish(message: OutboundMessage): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.messages.push(message);
  }

  /** The finding documents published so far, parsed back from the `default` JSON. */
  documents(): FindingMessage[] {
    return this.messages.map((m) => JSON.parse(JSON.parse(m.message).default));
  }
}

export function inMemoryDeps(now = new Date('2026-11-21T10:00:00Z')) {
  const ec2ByRegion = new Map<string, InMemoryEc2>();
  const ec2For = (region: string): InMemoryEc2 => {
    let ec2 = ec2ByRegion.get(region);
    if (!ec2) {
      ec2 = new InMemoryEc2();
      ec2ByRegion.set(region, ec2);
    }
    return ec2;
  };
  const publisher = new InMemoryPublisher();
  const deps: Deps = { ec2For, publisher, now: () => now };
  return { deps, ec2For, publisher };
}
