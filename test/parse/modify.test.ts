import { describe, expect, it } from 'vitest';
import { parseModify } from '../../functions/parse/modify.js';
import { loadEvent } from '../support/events.js';

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
    ['no group id', { ModifySecurityGroupRulesRequest: { SecurityGroupRule: {} } }, /GroupId missing/],
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
      value: { ruleIds: ['sgr-2'], unreadable: ['SecurityGroupRule entry without a rule id: null'] },
    });
  });
});
