import { describe, expect, it } from 'vitest';
import { cloudTrailEvent, ruleSetItem, withRuleSet, worldSshRequest } from '../support/events.js';
import { emptyAccount, runHandler } from './fuzz-harness.js';

// The shapes fuzzing keeps producing, pinned down: a handled event the guard cannot read is reported
// as one unparsed-event finding and nothing is revoked, even when a world-open rule exists.

const GROUP = 'sg-0a1b2c3d4e5f60001';
const RULE = 'sgr-0123456789abcdef0';
const bare = { requestId: 'r-1', _return: true };
const authorize = (request: unknown, response: unknown = bare) =>
  cloudTrailEvent('AuthorizeSecurityGroupIngress', request, response);
const modify = (request: unknown) =>
  cloudTrailEvent(
    'ModifySecurityGroupRules',
    request === undefined ? undefined : { ModifySecurityGroupRulesRequest: request },
  );
const modifyEntry = (entry: Record<string, unknown>) => ({ GroupId: GROUP, SecurityGroupRule: entry });
const worldBody = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' };

function accountWithWorldRule() {
  const account = emptyAccount();
  account.addGroup({ GroupId: GROUP });
  account.addRule({
    GroupId: GROUP,
    SecurityGroupRuleId: RULE,
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    CidrIpv4: '0.0.0.0/0',
  });
  return account;
}

describe('handled events the guard cannot read', () => {
  it.each([
    ['a request that names no group', authorize({ ipPermissions: worldSshRequest().ipPermissions })],
    ['a request whose groupId is not an EC2 id', authorize(worldSshRequest('default'))],
    [
      'a permission without any source',
      authorize({
        groupId: GROUP,
        ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22 }] },
      }),
    ],
    [
      'an ipRanges item without cidrIp',
      authorize({
        groupId: GROUP,
        ipPermissions: {
          items: [
            { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ description: 'x' }] } },
          ],
        },
      }),
    ],
    ['a record without requestParameters', authorize(undefined)],
    ['a Modify entry without its rule id', modify(modifyEntry({ SecurityGroupRule: worldBody }))],
    ['a Modify without any rule', modify({ GroupId: GROUP, SecurityGroupRule: {} })],
    ['a Modify record without its request', modify(undefined)],
  ])('publishes exactly one unparsed-event finding and revokes nothing for %s', async (_, event) => {
    const run = await runHandler(event, accountWithWorldRule());
    expect(run.outcome).toMatchObject({ kind: 'returned', result: { status: 'unparsed' } });
    expect(run.revoked).toEqual([]);
    expect(run.messages).toBe(1);
    expect(run.findings).toMatchObject([
      { checkId: 'unparsed-event', severity: 'high', action: { error: { code: 'UnparsedEvent' } } },
    ]);
  });

  // All or nothing no more: when the record still says what was asked (the request beside an
  // unreadable rule set item, a Modify rule id beside an unreadable body), the world-open rule is
  // judged and revoked, and what could not be read is reported in the same message.
  it.each([
    [
      'a rule-set item without a source',
      authorize(worldSshRequest(), withRuleSet(ruleSetItem({ cidrIpv4: undefined }))),
    ],
    [
      'a rule-set item with protocol "ssh"',
      authorize(worldSshRequest(), withRuleSet(ruleSetItem({ ipProtocol: 'ssh' }))),
    ],
    [
      'a rule-set item with protocol "constructor"',
      authorize(worldSshRequest(), withRuleSet(ruleSetItem({ ipProtocol: 'constructor' }))),
    ],
    [
      'a rule-set item whose group id is not an EC2 id',
      authorize(worldSshRequest(), withRuleSet(ruleSetItem({ groupId: 'sg-XYZ' }))),
    ],
    [
      'a rule-set item whose rule id is a number',
      authorize(worldSshRequest(), withRuleSet(ruleSetItem({ securityGroupRuleId: 42 }))),
    ],
    // Only the rule ids are needed: the rules are read back by id, group and all.
    [
      'a Modify without GroupId',
      modify({ SecurityGroupRule: { SecurityGroupRuleId: RULE, SecurityGroupRule: worldBody } }),
    ],
    [
      'a Modify entry whose protocol is unknown',
      modify(
        modifyEntry({ SecurityGroupRuleId: RULE, SecurityGroupRule: { ...worldBody, IpProtocol: 'ssh' } }),
      ),
    ],
  ])('revokes the readable world-open rule and reports the rest for %s', async (_, event) => {
    const run = await runHandler(event, accountWithWorldRule());
    expect(run.outcome).toMatchObject({ kind: 'returned', result: { status: 'handled' } });
    expect(run.revoked).toEqual([RULE]);
    expect(run.messages).toBe(1);
    expect(run.findings.map((f) => f.checkId).sort()).toEqual(
      _.startsWith('a Modify') ? ['ssh-world-open'] : ['ssh-world-open', 'unparsed-event'],
    );
  });

  it.each([
    ['eventSource', { eventSource: 'toString' }],
    ['eventName', { eventName: 'constructor' }],
    ['eventSource and eventName', { eventSource: '__proto__', eventName: 'hasOwnProperty' }],
  ])('ignores, without throwing, a record whose %s names an Object.prototype member', async (_, names) => {
    const base = authorize(worldSshRequest());
    const event = { ...base, detail: { ...base.detail, ...names } };
    const run = await runHandler(event, accountWithWorldRule());
    expect(run.outcome).toMatchObject({ kind: 'returned', result: { status: 'ignored' } });
    expect(run.messages).toBe(0);
  });

  it('routes by the record, not by an envelope source that names an Object.prototype member', async () => {
    const event = { ...authorize(worldSshRequest()), source: 'toString' };
    const run = await runHandler(event, accountWithWorldRule());
    expect(run.outcome).toMatchObject({ kind: 'returned', result: { status: 'handled' } });
  });
});
