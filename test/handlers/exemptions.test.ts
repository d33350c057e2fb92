import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet, worldSshRequest } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const GROUP = 'sg-0a1b2c3d4e5f60001';

const worldRule = {
  groupId: GROUP,
  ruleId: 'sgr-0123456789abcdef0',
  direction: 'ingress',
  protocol: 'tcp',
  ports: { from: 22, to: 22 },
  source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
} as const;

function setUp(env: Record<string, string>) {
  const { deps, ec2For, publisher } = inMemoryDeps();
  const ec2 = ec2For('eu-west-1');
  ec2.groupTags.set(GROUP, { 'ssh-ingress-guard:exempt': 'load test' });
  ec2.addRules(worldRule);
  const handler = makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC, ...env }), deps, silentLog);
  return { handler, ec2, publisher };
}

const worldEvent = cloudTrailEvent(
  'AuthorizeSecurityGroupIngress',
  worldSshRequest(),
  withRuleSet(ruleSetItem()),
);
const privateEvent = cloudTrailEvent(
  'AuthorizeSecurityGroupIngress',
  worldSshRequest(),
  withRuleSet(ruleSetItem({ cidrIpv4: '10.0.0.0/8' })),
);

describe('exemptions applied by the handler', () => {
  it('ignores the exempt tag by default and never reads tags', async () => {
    const { handler, ec2 } = setUp({});
    await expect(handler(worldEvent)).resolves.toMatchObject({ actions: { revoked: 1 } });
    expect(ec2.callCount('readGroupTags')).toBe(0);
  });

  it('honours the tag when switched on: reads the tags once, revokes nothing, reports exempted', async () => {
    const { handler, ec2, publisher } = setUp({ HONOR_EXEMPT_TAG: 'true' });
    await expect(handler(worldEvent)).resolves.toMatchObject({ actions: { exempted: 1 } });
    expect(ec2.calls.map((c) => c.action)).toEqual(['readGroupTags']);
    expect(publisher.documents()[0]?.findings[0]?.action).toMatchObject({
      type: 'exempted',
      exemption: { origin: 'tag', reason: 'tag ssh-ingress-guard:exempt=load test' },
    });
  });

  it('still makes no AWS call for a compliant event when tags are honoured', async () => {
    const { handler, ec2, publisher } = setUp({ HONOR_EXEMPT_TAG: 'true' });
    await handler(privateEvent);
    expect(ec2.callCount()).toBe(0);
    expect(publisher.messages).toHaveLength(0);
  });

  it('reads a configured tag key', async () => {
    const { handler, ec2 } = setUp({ HONOR_EXEMPT_TAG: 'true', EXEMPT_TAG_KEY: 'security/exempt' });
    await expect(handler(worldEvent)).resolves.toMatchObject({ actions: { revoked: 1 } });
    ec2.groupTags.set(GROUP, { 'security/exempt': 'approved' });
    ec2.addRules(worldRule);
    await expect(handler(worldEvent)).resolves.toMatchObject({ actions: { exempted: 1 } });
  });

  it('revokes a rule whose configured exemption expired, with a finding that says so', async () => {
    const expired = [{ groupId: GROUP, reason: 'migration', expires: '2026-11-01', approvedBy: 'bob' }];
    const { handler, publisher } = setUp({ EXEMPTIONS: JSON.stringify(expired) });
    await expect(handler(worldEvent)).resolves.toMatchObject({ actions: { revoked: 1 } });
    expect(publisher.documents()[0]?.findings[0]?.action.note).toContain(
      'expired on 2026-11-01 and no longer applies',
    );
  });
});
