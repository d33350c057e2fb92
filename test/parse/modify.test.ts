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
    [
      'a rule without a body',
      {
        ModifySecurityGroupRulesRequest: {
          GroupId: 'sg-1',
          SecurityGroupRule: { SecurityGroupRuleId: 'sgr-1' },
        },
      },
      /without id or body/,
    ],
    [
      'a rule without a source',
      {
        ModifySecurityGroupRulesRequest: {
          GroupId: 'sg-1',
          SecurityGroupRule: { SecurityGroupRuleId: 'sgr-1', SecurityGroupRule: { IpProtocol: 'tcp' } },
        },
      },
      /rule sgr-1 not understood/,
    ],
  ])('refuses to guess on %s', (_name, requestParameters, message) => {
    const result = parseModify({ requestParameters });
    expect(!result.ok && result.error).toMatch(message);
  });
});
