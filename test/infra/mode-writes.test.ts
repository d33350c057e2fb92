// The per-mode grants (functions/core/remediation/mode-writes.ts, held against the packaged roles by
// iam.test.ts) are only as good as the claim that each mode makes those writes and no others. This
// runs the guard over every security group sample in each mode and maps the EC2 port calls it made to
// the IAM actions they need.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config';
import type { RemediationMode } from '../../functions/core/policy/policy-config';
import { grantedWrites, REMEDIATION_WRITES } from '../../functions/core/remediation/mode-writes';
import { makeGuardHandler } from '../../functions/handlers/guard-handler';
import { silentLog } from '../../functions/log';
import { loadEvent, loadManifest } from '../support/events';
import { inMemoryDeps } from '../support/in-memory-aws';
import { seedForEvent } from '../support/sample-world';

const IAM_ACTION_OF: Record<string, string> = {
  revokeIngress: 'ec2:RevokeSecurityGroupIngress',
  authorizeIngress: 'ec2:AuthorizeSecurityGroupIngress',
};

const samples = loadManifest().filter(
  (e) => ['authorize', 'modify'].includes(e.trigger) && e.expect !== 'skipped-error',
);

/** The IAM write actions the guard needed over every sample, in one mode. */
async function writesMadeIn(mode: RemediationMode): Promise<string[]> {
  const made = new Set<string>();
  for (const { file } of samples) {
    const event = loadEvent(file);
    const { deps, ec2For } = inMemoryDeps();
    const ec2 = ec2For(String(event.region));
    seedForEvent(event, ec2);
    // The region's EIC lists exist, so replace-with-eic really replaces.
    ec2.eicPrefixLists = { ipv4: 'pl-0e1c0e1c0e1c0e1c0', ipv6: 'pl-0e1c6e1c6e1c6e1c6' };
    await makeGuardHandler(
      loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings', REMEDIATION_MODE: mode }),
      deps,
      silentLog,
    )(event);
    for (const call of ec2.calls)
      if (IAM_ACTION_OF[call.action]) made.add(IAM_ACTION_OF[call.action] as string);
  }
  return [...made].sort();
}

describe('each mode makes exactly the writes it is granted', () => {
  it.each(Object.keys(REMEDIATION_WRITES) as RemediationMode[])('%s', async (mode) => {
    expect(await writesMadeIn(mode)).toEqual([...grantedWrites(mode, {})].sort());
  });
});
