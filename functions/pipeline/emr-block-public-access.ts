import type { Config } from '../config/config.js';
import type { BlockPublicAccessResult } from '../core/findings/build-bpa-finding.js';
import { assessBlockPublicAccess, planBlockPublicAccessFix } from '../core/policy/emr-block-public-access.js';
import type { BlockPublicAccessRead, EmrPort } from '../emr-deps.js';
import { actUnlessReporting } from './act.js';

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

/** Read (cached), assess, plan the opt-in fix, and carry it out unless reporting. */
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
  // Planned as in the acting modes; report mode is the act step skipped (act.ts).
  const plan = planBlockPublicAccessFix(bpa, assessment, {
    fix: config.emrFixBlockPublicAccess,
    report: false,
    watchedPorts,
  });
  return actUnlessReporting(
    config.mode,
    plan,
    async (planned): Promise<BlockPublicAccessResult> => {
      if (planned.kind !== 'fix') return { kind: 'assessed', bpa, assessment, plan: planned };
      const write = await emr.writePermittedRanges(bpa, planned.ranges);
      if (write.status === 'written')
        cache.remember(region, { ok: true, value: { ...bpa, permittedRanges: planned.ranges } });
      return { kind: 'assessed', bpa, assessment, plan: planned, write };
    },
    (planned) => ({
      kind: 'assessed',
      bpa,
      assessment,
      plan: planned.kind === 'fix' ? { kind: 'would-fix', ranges: planned.ranges } : planned,
    }),
  );
}
