import { loadEvent } from '../../test/support/events.js';
import { type FakeAws, startFakeAws } from '../../test/support/fake-aws/index.js';
import { GuardProcess } from '../../test/support/guard-process.js';
import { postureOf } from '../../test/support/host-posture.js';
import { countByAction } from '../../test/support/minimal-calls.js';
import { seedFromEvent } from '../../test/support/seed-from-event.js';
import { median } from './stats.js';

/** One row of the host join's figures: an event, how many instances sit behind its group, the calls. */
export interface HostJoinRow {
  readonly event: string;
  readonly hostPosture: 'on' | 'off';
  readonly instances: number;
  readonly calls: Record<string, number>;
  readonly listed: number;
  readonly severity: string;
  readonly p50Ms: number;
}

const CASES = [
  { event: 'authorize-public-narrow-review.json', instances: [0, 1, 10, 40] },
  { event: 'authorize-world-ipv4-ssh.json', instances: [1, 40] },
  { event: 'authorize-private-cidr.json', instances: [10] },
];
const ROUNDS = 15;

function seedHosts(fake: FakeAws, groupId: string, count: number): void {
  const region = fake.state.region();
  for (let i = 0; i < count; i++) {
    const instanceId = `i-${i.toString(16).padStart(17, '0')}`;
    region.addInstance({ InstanceId: instanceId, GroupIds: [groupId] });
    // Every other host accepts passwords; one in five never reported (not assessed).
    if (i % 5 === 4) continue;
    const posture = postureOf(instanceId, i % 2 === 0 ? { PasswordAuthentication: 'yes' } : {});
    region.putComplianceItems(
      instanceId,
      'Custom:SshPosture',
      posture.items.map((item) => ({
        Id: item.id,
        Status: item.status === 'compliant' ? 'COMPLIANT' : 'NON_COMPLIANT',
        Severity: 'HIGH',
        ExecutionTime: new Date('2026-11-21T10:04:09Z'),
        Details: { Value: item.value ?? '' },
      })),
    );
  }
}

/**
 * The guard bundle, one warm container per setting, on security group events with 0 to 40
 * instances behind the group: the extra reads of the host join (counted per action) and the warm
 * latency. The join reads at most 10 instances (HOST_POSTURE_MAX_INSTANCES) and only when there is
 * a finding.
 */
export async function measureHostJoin(guardBundle: string): Promise<HostJoinRow[]> {
  const fake = await startFakeAws();
  const rows: HostJoinRow[] = [];
  try {
    for (const hostPosture of ['off', 'on'] as const) {
      const env = {
        ...fake.env(),
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        HOST_POSTURE: hostPosture === 'on' ? 'true' : 'false',
      };
      const guard = await GuardProcess.start(guardBundle, env);
      try {
        for (const { event: file, instances } of CASES) {
          for (const count of instances) {
            const event = loadEvent(file);
            const groupId = (event.detail.requestParameters as { groupId: string }).groupId;
            const times: number[] = [];
            let calls: Record<string, number> = {};
            let listed = 0;
            let severity = '-';
            for (let round = 0; round < ROUNDS; round++) {
              fake.reset();
              seedFromEvent(fake.state, event);
              seedHosts(fake, groupId, count);
              const result = await guard.invoke(event);
              times.push(result.ms);
              calls = countByAction(fake.calls);
              const published = fake.state.published[0];
              const finding = published
                ? JSON.parse(JSON.parse(published.Message).default).findings[0]
                : undefined;
              listed = finding?.resource?.instances?.length ?? 0;
              severity = finding?.severity ?? 'no finding';
            }
            rows.push({
              event: file,
              hostPosture,
              instances: count,
              calls,
              listed,
              severity,
              p50Ms: median(times),
            });
          }
        }
      } finally {
        await guard.close();
      }
    }
    return rows;
  } finally {
    await fake.close();
  }
}

export function hostJoinTable(rows: readonly HostJoinRow[]): string[] {
  const text = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([a, n]) => (n === 1 ? a : `${a} ×${n}`))
      .join(', ') || 'none';
  return [
    '| sample event | host posture | instances behind the group | AWS calls | listed in the finding | severity | warm p50 (ms) |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.event} | ${r.hostPosture} | ${r.instances} | ${text(r.calls)} | ${r.listed} | ${r.severity} | ${r.p50Ms.toFixed(1)} |`,
    ),
  ];
}
