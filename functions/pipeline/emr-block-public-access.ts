import type { Config } from '../config/config.js';
import type { BlockPublicAccessResult } from '../core/findings/build-bpa-finding.js';
import { assessBlockPublicAccess, planBlockPublicAccessFix } from '../core/policy/emr-block-public-access.js';
import type { BlockPublicAccessRead, EmrPort } from '../emr-deps.js';

/**
 * Reads each region's Block Public Access once per invocation (the setting is per region, so one
 * read serves every cluster there), and remembers what the guard wrote so it never writes twice.
 */
export function makeBlockPublicAccessCache(emrFor: (region: string) => EmrPort) {
  const reads = new Map<string, Promise<BlockPublicAccessRead>>();
  return {
    read(region: string): Promise<BlockPublicAccessRead> {
      let read = reads.get(region);
      if (!read) {
        read = emrFor(region).readBlockPublicAccess();
        reads.set(region, read);
      }
      return read;
    },
    remember(region: string, read: BlockPublicAccessRead): void {
      reads.set(region, Promise.resolve(read));
    },
  };
}

export type BlockPublicAccessCache = ReturnType<typeof makeBlockPublicAccessCache>;

/** Read (cached), assess, and carry out the opt-in fix when the plan asks for it. */
export async function guardBlockPublicAccess(
  region: string,
  cache: BlockPublicAccessCache,
  emr: EmrPort,
  config: Config,
): Promise<BlockPublicAccessResult> {
  const read = await cache.read(region);
  if (!read.ok) return { kind: 'unreadable', error: read.error };
  const bpa = read.value;
  const watchedPorts = config.policy.watchedPorts;
  const assessment = assessBlockPublicAccess(bpa, watchedPorts);
  const plan = planBlockPublicAccessFix(bpa, assessment, {
    fix: config.emrFixBlockPublicAccess,
    report: config.mode === 'report',
    watchedPorts,
  });
  if (plan.kind !== 'fix') return { kind: 'assessed', bpa, assessment, plan };
  const write = await emr.writePermittedRanges(bpa, plan.ranges);
  if (write.status === 'written')
    cache.remember(region, { ok: true, value: { ...bpa, permittedRanges: plan.ranges } });
  return { kind: 'assessed', bpa, assessment, plan, write };
}
