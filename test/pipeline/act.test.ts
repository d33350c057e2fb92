import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import type { RemediationMode } from '../../functions/core/policy/policy-config.js';
import { actUnlessReporting } from '../../functions/pipeline/act.js';
import {
  guardBlockPublicAccess,
  makeBlockPublicAccessCache,
} from '../../functions/pipeline/emr-block-public-access.js';
import { InMemoryEmr } from '../support/in-memory-aws.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ssh-ingress-guard';

describe('report mode is the act step skipped, in one place', () => {
  it.each<[RemediationMode, string]>([
    ['report', 'skipped'],
    ['revoke', 'carried out'],
    ['narrow', 'carried out'],
    ['replace-with-eic', 'carried out'],
  ])('%s mode: the plan is %s', async (mode, expected) => {
    const result = await actUnlessReporting(
      mode,
      'plan',
      async () => 'carried out',
      () => 'skipped',
    );
    expect(result).toBe(expected);
  });

  it.each<[RemediationMode, string, number]>([
    ['report', 'would-fix', 0],
    ['revoke', 'fix', 1],
  ])(
    'the EMR Block Public Access fix in %s mode plans %s and writes %i times',
    async (mode, kind, writes) => {
      const config = loadConfig({
        TOPIC_ARN: TOPIC,
        REMEDIATION_MODE: mode,
        EMR_FIX_BLOCK_PUBLIC_ACCESS: 'true',
      });
      const emr = new InMemoryEmr();
      const result = await guardBlockPublicAccess(
        'eu-west-1',
        makeBlockPublicAccessCache(() => emr),
        emr,
        config,
      );
      expect(result).toMatchObject({ kind: 'assessed', plan: { kind, ranges: [] } });
      expect(emr.callCount('writePermittedRanges')).toBe(writes);
    },
  );
});
