import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { type OraclePolicy, oracleVerdict } from '../oracle/ssh-oracle.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';

// A group's rules are created and edited (the console's Edit keeps the rule id); every call's event
// is then delivered late, some twice, in any order. Whatever the order, once all are delivered no
// world-open SSH rule remains and no rule the oracle calls compliant was removed. The oracle is
// test/oracle/ssh-oracle.ts, written independently of the policy code.

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const GROUP = 'sg-0a1b2c3d4e5f60001';
const POLICY: OraclePolicy = {
  watchedPorts: [22],
  trustedCidrs: [],
  worldPrefixV4: 8,
  worldPrefixV6: 32,
  eicPrefixListIds: [],
  prefixLists: {},
};
const SOURCES = ['0.0.0.0/0', '0.0.0.0/1', '203.0.113.9/32', '10.0.0.0/8', '::/0', '2001:db8::/64'];
const PORTS: [number, number][] = [
  [22, 22],
  [0, 65535],
  [443, 443],
];

type Content = { cidr: string; ports: [number, number] };
type Step = { kind: 'create'; content: Content } | { kind: 'edit'; target: number; content: Content };

const content = fc.record({ cidr: fc.constantFrom(...SOURCES), ports: fc.constantFrom(...PORTS) });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), content }),
  fc.record({ kind: fc.constant('edit' as const), target: fc.nat(5), content }),
);

/** The ports and source a content gives a tcp rule, as EC2 holds them. */
const permissionOf = (c: Content) => ({
  ports: { from: c.ports[0], to: c.ports[1] },
  source: c.cidr.includes(':')
    ? { kind: 'cidr6' as const, cidr: c.cidr }
    : { kind: 'cidr4' as const, cidr: c.cidr },
});
const ruleIdOf = (n: number) => `sgr-0${n.toString(16).padStart(16, '0')}`;
const cidrFields = (cidr: string) =>
  cidr.includes(':') ? { cidrIpv4: undefined, cidrIpv6: cidr } : { cidrIpv4: cidr };

describe('a revoke removes a rule only if it is still the rule that was judged (property)', () => {
  it('after every event and its redeliveries, in any order: no world-open SSH rule remains, no compliant rule was removed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(20), { maxLength: 4 }),
        fc.infiniteStream(fc.nat()),
        async (steps, redeliver, shuffle) => {
          const { deps, ec2For } = inMemoryDeps();
          const ec2 = ec2For('eu-west-1');
          const events: unknown[] = [];
          let created = 0;
          const holdsContent = (c: Content, except?: string) =>
            [...ec2.rules.values()].some(
              (r) =>
                r.ruleId !== except &&
                r.source.kind !== 'group' &&
                'cidr' in r.source &&
                r.source.cidr === c.cidr &&
                r.ports.from === c.ports[0] &&
                r.ports.to === c.ports[1],
            );
          for (const s of steps) {
            if (s.kind === 'create' || created === 0) {
              const ruleId = ruleIdOf(created++);
              const c = s.content;
              // EC2 refuses a duplicate permission (InvalidPermission.Duplicate); the console would too.
              if (holdsContent(c)) continue;
              ec2.addRules({
                groupId: GROUP,
                ruleId,
                direction: 'ingress',
                protocol: 'tcp',
                ...permissionOf(c),
              });
              events.push(
                cloudTrailEvent(
                  'AuthorizeSecurityGroupIngress',
                  { groupId: GROUP },
                  withRuleSet(
                    ruleSetItem({
                      groupId: GROUP,
                      securityGroupRuleId: ruleId,
                      fromPort: c.ports[0],
                      toPort: c.ports[1],
                      ...cidrFields(c.cidr),
                    }),
                  ),
                  { eventID: `ev-${events.length}` },
                ),
              );
            } else {
              const ruleId = ruleIdOf(s.target % created);
              const held = ec2.rules.get(ruleId);
              if (!held) continue;
              const c = s.content;
              // An edit into another rule's permission is refused as a duplicate too: a group never
              // holds two rules with one content, so a revoke by permission always names one rule.
              if (holdsContent(c, ruleId)) continue;
              ec2.rules.set(ruleId, { ...held, ...permissionOf(c) });
              events.push(
                cloudTrailEvent(
                  'ModifySecurityGroupRules',
                  {
                    ModifySecurityGroupRulesRequest: {
                      GroupId: GROUP,
                      SecurityGroupRule: {
                        SecurityGroupRuleId: ruleId,
                        SecurityGroupRule: {
                          IpProtocol: 'tcp',
                          FromPort: c.ports[0],
                          ToPort: c.ports[1],
                          ...(c.cidr.includes(':') ? { CidrIpv6: c.cidr } : { CidrIpv4: c.cidr }),
                        },
                      },
                    },
                  },
                  null,
                  { eventID: `ev-${events.length}` },
                ),
              );
            }
          }
          const before = new Map(ec2.rules);
          const deliveries = [
            ...events,
            ...redeliver.flatMap((i) => (events.length > 0 ? [events[i % events.length]] : [])),
          ];
          const order = deliveries
            .map((e, i) => ({ e, k: shuffle.next().value + i / 1000 }))
            .sort((a, b) => a.k - b.k);
          const handler = makeGuardHandler(loadConfig({ TOPIC_ARN: TOPIC }), deps, silentLog);
          for (const { e } of order) await handler(e);
          const oracleOf = (r: typeof before extends Map<string, infer R> ? R : never) =>
            oracleVerdict(
              {
                SecurityGroupRuleId: r.ruleId,
                GroupId: r.groupId,
                IsEgress: false,
                IpProtocol: 'tcp',
                FromPort: r.ports.from,
                ToPort: r.ports.to,
                ...(r.source.kind === 'cidr6'
                  ? { CidrIpv6: r.source.cidr }
                  : r.source.kind === 'cidr4'
                    ? { CidrIpv4: r.source.cidr }
                    : {}),
              },
              POLICY,
            );
          for (const rule of ec2.rules.values()) expect(oracleOf(rule)).not.toBe('world-open');
          for (const [id, rule] of before) {
            if (oracleOf(rule) === 'compliant' || oracleOf(rule) === 'not-applicable')
              expect(ec2.rules.get(id)).toEqual(rule);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
