import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import type { Finding } from '../../functions/core/findings/finding.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';

// A revoke removes a rule only if it is still the rule that was judged, and claims are verified: a
// delayed event says sgr-…01 is tcp 0-65535 from 0.0.0.0/0, but the engineer has since edited it
// (the console keeps the id) to tcp/22 from a public /9 that, with the group's other public sources,
// makes a world-sized union. The plan then holds two steps with one rule id: the stale content and
// the current one. Each must get EC2's answer for its own content.
const GROUP = 'sg-0a1b2c3d4e5f60001';
const EDITED = 'sgr-00000000000000001';
const rule = (ruleId: string, cidr: string) => ({
  groupId: GROUP,
  ruleId,
  direction: 'ingress' as const,
  protocol: 'tcp' as const,
  ports: { from: 22, to: 22 },
  source: { kind: 'cidr4' as const, cidr },
});

async function deliverStaleEvent(mode: string) {
  const { deps, ec2For, publisher } = inMemoryDeps();
  const ec2 = ec2For('eu-west-1');
  ec2.addRules(
    rule(EDITED, '12.128.0.0/9'),
    rule('sgr-00000000000000002', '12.0.0.0/10'),
    rule('sgr-00000000000000003', '12.64.0.0/10'),
  );
  const handler = makeGuardHandler(
    loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings', REMEDIATION_MODE: mode }),
    deps,
    silentLog,
  );
  await handler(
    cloudTrailEvent(
      'AuthorizeSecurityGroupIngress',
      { groupId: GROUP },
      withRuleSet(
        ruleSetItem({ securityGroupRuleId: EDITED, fromPort: 0, toPort: 65535, cidrIpv4: '0.0.0.0/0' }),
        ruleSetItem({ securityGroupRuleId: 'sgr-00000000000000002', cidrIpv4: '12.0.0.0/10' }),
      ),
    ),
  );
  const findings = publisher.documents().flatMap((d) => d.findings as Finding[]);
  const stale = findings.find((f) => f.resource.ruleId === EDITED && f.resource.source === '0.0.0.0/0');
  return { ec2, stale };
}

describe('one rule id twice in a plan: the stale content and the current one', () => {
  it.each(['revoke', 'narrow', 'replace-with-eic'])(
    '%s mode: the stale content is already gone, and nothing is added for it',
    async (mode) => {
      const { ec2, stale } = await deliverStaleEvent(mode);
      expect(stale?.action.type).toBe('already-gone');
      const worldOpen = [...ec2.rules.values()].filter(
        (r) => r.source.kind === 'cidr4' && r.source.cidr === '0.0.0.0/0',
      );
      expect(worldOpen).toEqual([]);
      expect(ec2.calls.filter((c) => c.action === 'authorizeIngress')).toEqual([]);
    },
  );
});
