import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { parseModify } from '../../functions/parse/modify.js';
import { cloudTrailEvent, loadEvent } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { ruleOf } from '../support/policy.js';

describe('ModifySecurityGroupRules (PascalCase, object or array)', () => {
  it('reads one rule given as an object; direction is left to be looked up', () => {
    const result = parseModify(loadEvent('modify-rule-widened-to-world.json').detail);
    expect(result.ok && result.value).toMatchObject({ kind: 'rule-ids' });
    const requested = result.ok && result.value.kind === 'rule-ids' ? result.value.requested : [];
    expect(requested).toHaveLength(1);
    expect(requested[0]).toMatchObject({
      direction: 'unknown',
      protocol: 'tcp',
      ports: { from: 22, to: 22 },
      source: { cidr: '0.0.0.0/0' },
    });
  });

  it('reads several rules given as an array', () => {
    const result = parseModify(loadEvent('modify-several-rules-array.json').detail);
    const value = result.ok ? result.value : undefined;
    expect(value?.kind === 'rule-ids' && value.ruleIds).toHaveLength(2);
    expect(value?.kind === 'rule-ids' && value.requested.map((r) => r.source.kind)).toEqual([
      'cidr6',
      'cidr4',
    ]);
  });

  it.each<[string, unknown, RegExp]>([
    ['no request', {}, /ModifySecurityGroupRulesRequest missing/],
    [
      'no rule entry at all',
      { ModifySecurityGroupRulesRequest: { SecurityGroupRule: {} } },
      /no SecurityGroupRule/,
    ],
    ['no rules', { ModifySecurityGroupRulesRequest: { GroupId: 'sg-1' } }, /no SecurityGroupRule/],
  ])('refuses to guess on %s', (_name, requestParameters, message) => {
    const result = parseModify({ requestParameters });
    expect(!result.ok && result.error).toMatch(message);
  });

  it.each<[string, unknown]>([
    ['a rule without a body', { SecurityGroupRuleId: 'sgr-1' }],
    ['a rule without a source', { SecurityGroupRuleId: 'sgr-1', SecurityGroupRule: { IpProtocol: 'tcp' } }],
  ])(
    'all or nothing parsing: needs only the rule id of %s (the current rule is read by id and judged)',
    (_name, entry) => {
      const result = parseModify({
        requestParameters: { ModifySecurityGroupRulesRequest: { GroupId: 'sg-1', SecurityGroupRule: entry } },
      });
      expect(result).toEqual({ ok: true, value: { kind: 'rule-ids', ruleIds: ['sgr-1'], requested: [] } });
    },
  );

  it('all or nothing parsing: reports an entry without a rule id and keeps the others', () => {
    const result = parseModify({
      requestParameters: {
        ModifySecurityGroupRulesRequest: {
          GroupId: 'sg-1',
          SecurityGroupRule: [{ SecurityGroupRule: { IpProtocol: 'tcp' } }, { SecurityGroupRuleId: 'sgr-2' }],
        },
      },
    });
    expect(result).toMatchObject({
      ok: true,
      value: { ruleIds: ['sgr-2'], unreadable: ['SecurityGroupRule entry without a rule id: undefined'] },
    });
  });

  const RULE = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' };
  const DEEP = nested(20_000);

  it.each<[string, Record<string, unknown>, readonly string[] | undefined]>([
    ['no GroupId', {}, undefined],
    ['an empty GroupId', { GroupId: '' }, ['GroupId not understood: ""']],
    ['a GroupId that is not a group id', { GroupId: 'default' }, ['GroupId not understood: "default"']],
    ['a GroupId as a list', { GroupId: ['sg-1'] }, ['GroupId not understood: ["sg-1"]']],
    ['a GroupId nested 20,000 deep', { GroupId: DEEP }, ['GroupId not understood: {"a":{"a":{…}}}']],
  ])(
    'all or nothing parsing: the rule ids alone suffice with %s (the rules are read back by id)',
    (_name, group, unreadable) => {
      const result = parseModify({
        requestParameters: {
          ModifySecurityGroupRulesRequest: {
            ...group,
            SecurityGroupRule: { SecurityGroupRuleId: 'sgr-0123456789abcdef0', SecurityGroupRule: RULE },
          },
        },
      });
      expect(result).toEqual({
        ok: true,
        value: {
          kind: 'rule-ids',
          ruleIds: ['sgr-0123456789abcdef0'],
          requested: [
            {
              ruleId: 'sgr-0123456789abcdef0',
              direction: 'unknown',
              protocol: 'tcp',
              ports: { from: 22, to: 22 },
              source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
            },
          ],
          ...(unreadable ? { unreadable } : {}),
        },
      });
    },
  );

  it('all or nothing parsing: the rule ids are all an event needs to be judged and revoked without a GroupId', async () => {
    const { deps, ec2For } = inMemoryDeps();
    const ec2 = ec2For('eu-west-1');
    const rule = ruleOf({ groupId: 'sg-0a1b2c3d4e5f60001', ruleId: 'sgr-0123456789abcdef0' });
    ec2.addRules(rule);
    const event = cloudTrailEvent('ModifySecurityGroupRules', {
      ModifySecurityGroupRulesRequest: {
        SecurityGroupRule: { SecurityGroupRuleId: 'sgr-0123456789abcdef0', SecurityGroupRule: RULE },
      },
    });
    const handler = makeGuardHandler(
      loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:t' }),
      deps,
      silentLog,
    );
    await expect(handler(event)).resolves.toMatchObject({ status: 'handled', actions: { revoked: 1 } });
    expect(ec2.rules.has('sgr-0123456789abcdef0')).toBe(false);
  });
});

/** Nesting built in a loop (a recursive builder would itself overflow). */
function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}
