// In-memory host posture ports: instances behind groups and their SSH posture reports, counting
// each read as one AWS call would be. They implement the port interfaces, so they cannot drift.
import type { HostPosture, InstanceRef } from '../../functions/core/model/host-posture.js';
import type { CoveragePort, HostPort } from '../../functions/deps.js';
import type { PostureReader } from '../../functions/triggers/ssh-posture-event.js';

export class InMemoryHosts implements HostPort, CoveragePort, PostureReader {
  readonly instances: InstanceRef[] = [];
  readonly postures = new Map<string, HostPosture>();
  readonly reads: string[] = [];
  failWith?: Error;

  add(instance: InstanceRef, posture?: HostPosture): this {
    this.instances.push(instance);
    if (posture) this.postures.set(instance.instanceId, posture);
    return this;
  }

  async findInstancesByGroups(groupIds: readonly string[], limit: number) {
    this.reads.push('DescribeInstances');
    if (this.failWith) throw this.failWith;
    const behind = this.instances.filter((i) => i.groupIds.some((g) => groupIds.includes(g)));
    return { instances: behind.slice(0, limit), truncated: behind.length > limit };
  }

  async readPostures(instanceIds: readonly string[]) {
    this.reads.push('ListComplianceItems');
    return new Map([...this.postures].filter(([id]) => instanceIds.includes(id)));
  }

  async listInstancesInScope() {
    this.reads.push('DescribeInstances');
    return [...this.instances];
  }

  async listAssessedInstances() {
    this.reads.push('ListResourceComplianceSummaries');
    return new Set(this.postures.keys());
  }
}
