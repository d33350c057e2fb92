import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent, loadEvent, ruleSetItem, withRuleSet } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { ruleOf } from '../support/policy.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const GROUP = 'sg-0a1b2c3d4e5f60001';

async function handle(
  event: unknown,
  seed: (ec2: ReturnType<ReturnType<typeof inMemoryDeps>['ec2For']>) => void,
) {
  const { deps, ec2For, publisher } = inMemoryDeps();
  seed(ec2For('eu-west-1'));
  const result = await makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC }), deps, silentLog)(event);
  const findings = publisher.documents().flatMap((d) => d.findings);
  return { result, findings, messages: publisher.messages.length, ec2: ec2For('eu-west-1') };
}

const world = (groupId: string, ruleId: string) => ruleOf({ groupId, ruleId });

describe('all or nothing parsing: every rule that can be judged is, the rest is reported in the same event', () => {
  it.each<[string, unknown, (ec2: ReturnType<ReturnType<typeof inMemoryDeps>['ec2For']>) => void, string]>([
    [
      'the sample: a rule set item without a source',
      loadEvent('authorize-partial-parse.json'),
      (ec2) => ec2.addRules(world('sg-0a1b2c3d4e5f60009', 'sgr-0a9a7c1e5b3d2f401')),
      'rule set item not understood: sgr-0a9a7c1e5b3d2f402',
    ],
    [
      'a request (no rule set) with a permission whose protocol cannot be read',
      cloudTrailEvent('AuthorizeSecurityGroupIngress', {
        groupId: GROUP,
        ipPermissions: {
          items: [
            { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
            { ipProtocol: 'ssh', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } },
          ],
        },
      }),
      (ec2) => ec2.addRules(world(GROUP, 'sgr-0000000000000aaaa')),
      'ipProtocol not understood: "ssh"',
    ],
    [
      'a rule set with one item of unknown shape beside a world-open one',
      cloudTrailEvent(
        'AuthorizeSecurityGroupIngress',
        {},
        withRuleSet(ruleSetItem({ securityGroupRuleId: 'sgr-0000000000000aaaa' }), {
          securityGroupRuleId: 'sgr-0broken',
        }),
      ),
      (ec2) => ec2.addRules(world(GROUP, 'sgr-0000000000000aaaa')),
      'rule set item not understood: sgr-0broken',
    ],
    [
      'a ModifySecurityGroupRules entry without a rule id beside one that widened a rule to the world',
      cloudTrailEvent('ModifySecurityGroupRules', {
        ModifySecurityGroupRulesRequest: {
          GroupId: GROUP,
          SecurityGroupRule: [
            { SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' } },
            { SecurityGroupRuleId: 'sgr-0000000000000aaaa' },
          ],
        },
      }),
      (ec2) => ec2.addRules(world(GROUP, 'sgr-0000000000000aaaa')),
      'SecurityGroupRule entry without a rule id',
    ],
  ])('%s: revokes what it can read, reports the rest in one message', async (_name, event, seed, reason) => {
    const { result, findings, messages, ec2 } = await handle(event, seed);
    expect(result).toMatchObject({ status: 'handled', actions: { revoked: 1 } });
    expect(ec2.callCount('revokeIngress')).toBe(1);
    expect(messages).toBe(1);
    expect(findings.map((f) => f.checkId).sort()).toEqual(['ssh-world-open', 'unparsed-event']);
    const unparsed = findings.find((f) => f.checkId === 'unparsed-event');
    expect(unparsed?.summary).toContain(reason);
    expect(unparsed?.summary).toContain('The rules that could be read were judged on their own');
  });

  it('still reports the whole event as unparsed when nothing in it can be read', async () => {
    const { result, ec2 } = await handle(
      cloudTrailEvent(
        'AuthorizeSecurityGroupIngress',
        {},
        withRuleSet({ securityGroupRuleId: 'sgr-0broken' }),
      ),
      () => {},
    );
    expect(result).toMatchObject({ status: 'unparsed' });
    expect(ec2.callCount()).toBe(0);
  });
});
