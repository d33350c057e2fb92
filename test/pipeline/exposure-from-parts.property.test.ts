import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import type { CurrentRule } from '../../functions/core/model/rule.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import {
  isAggregateWorldOpen,
  type OraclePolicy,
  type OracleRule,
  oracleVerdict,
} from '../oracle/ssh-oracle.js';
import { cloudTrailEvent, ruleSetItem, withRuleSet } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';

// A group the guard has kept compliant (no rule world-open alone, its public SSH sources together
// below the world bound) receives one Authorize adding a few rules. Once the guard has acted, the
// untrusted public SSH sources left on each watched port together stay below the world bound, no
// world-open rule remains, and nothing but a public untrusted or world-open source was removed.
// The oracle is test/oracle/ssh-oracle.ts (its aggregate too): no code of functions/core/policy.

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const GROUP = 'sg-0a1b2c3d4e5f60001';
const WATCHED = [22, 2222];
const TRUSTED = '12.128.0.0/9';
/** A customer list whose public entries make a /9: they count in the sum once its entries are read. */
const VENDORS = 'pl-0a1b2c3d4e5f6007a';
const VENDOR_ENTRIES = ['11.0.0.0/10', '11.64.0.0/10', '10.0.0.0/8'];
const POLICY: OraclePolicy = {
  watchedPorts: WATCHED,
  trustedCidrs: [TRUSTED],
  worldPrefixV4: 8,
  worldPrefixV6: 32,
  eicPrefixListIds: [],
  prefixLists: { [VENDORS]: VENDOR_ENTRIES },
};

// Public pieces that add up to /8s and a /32 in several ways, a trusted one, a source partly in
// shared address space (still public), a prefix list, private space and the world.
const SOURCES = [
  '11.0.0.0/9',
  '11.128.0.0/9',
  '11.0.0.0/10',
  '11.64.0.0/10',
  '11.192.0.0/10',
  '11.128.0.0/10',
  '12.0.0.0/9',
  '12.128.0.0/9',
  '100.0.0.0/9',
  '13.0.0.0/16',
  '10.0.0.0/8',
  '0.0.0.0/0',
  '2600::/33',
  '2600:0:8000::/33',
  '2a00::/34',
  VENDORS,
];
const PORTS: [number, number][] = [
  [22, 22],
  [2222, 2222],
  [0, 65535],
  [443, 443],
  [20, 2300],
];

type Content = { readonly cidr: string; readonly ports: readonly [number, number] };
const content: fc.Arbitrary<Content> = fc.record({
  cidr: fc.constantFrom(...SOURCES),
  ports: fc.constantFrom(...PORTS),
});
const keyOf = (c: Content) => `${c.cidr}|${c.ports[0]}-${c.ports[1]}`;

const asOracle = (c: Content): OracleRule => ({
  IsEgress: false,
  IpProtocol: 'tcp',
  FromPort: c.ports[0],
  ToPort: c.ports[1],
  ...(c.cidr.startsWith('pl-')
    ? { PrefixListId: c.cidr }
    : c.cidr.includes(':')
      ? { CidrIpv6: c.cidr }
      : { CidrIpv4: c.cidr }),
});
/** The source fields of a rule set item, as CloudTrail writes them. */
const itemSource = (c: Content) =>
  c.cidr.startsWith('pl-')
    ? { cidrIpv4: undefined, prefixListId: c.cidr }
    : c.cidr.includes(':')
      ? { cidrIpv4: undefined, cidrIpv6: c.cidr }
      : { cidrIpv4: c.cidr };

/** No world-open rule, and each watched port's public sources below the bound in both families. */
function isGuarded(rules: readonly Content[]): boolean {
  const described = rules.map(asOracle);
  if (described.some((r) => oracleVerdict(r, POLICY) === 'world-open')) return false;
  return !isAggregateWorldOpen(described, POLICY);
}

const uniqueContents = (max: number) => fc.uniqueArray(content, { selector: keyOf, maxLength: max });

const toRule = (c: Content, ruleId: string): CurrentRule => ({
  groupId: GROUP,
  ruleId,
  direction: 'ingress',
  protocol: 'tcp',
  ports: { from: c.ports[0], to: c.ports[1] },
  source: c.cidr.startsWith('pl-')
    ? { kind: 'prefix-list', prefixListId: c.cidr }
    : c.cidr.includes(':')
      ? { kind: 'cidr6', cidr: c.cidr }
      : { kind: 'cidr4', cidr: c.cidr },
});
const contentOf = (r: CurrentRule): Content => ({
  cidr: 'cidr' in r.source ? r.source.cidr : r.source.kind === 'prefix-list' ? r.source.prefixListId : '',
  ports: [r.ports.from, r.ports.to],
});

describe('exposure built from parts in one event (property)', () => {
  it('after one Authorize on a guarded group: each watched port’s public sources stay below the world bound, only public or world sources were removed', async () => {
    await fc.assert(
      fc.asyncProperty(uniqueContents(5), uniqueContents(3), async (heldContents, added) => {
        const held = new Set(heldContents.map(keyOf));
        const addedContents = added.filter((c) => !held.has(keyOf(c))); // EC2 refuses a duplicate
        fc.pre(addedContents.length > 0 && isGuarded(heldContents));
        const { deps, ec2For } = inMemoryDeps();
        const ec2 = ec2For('eu-west-1');
        const heldRules = heldContents.map((c, i) =>
          toRule(c, `sgr-0${(i + 1).toString(16).padStart(16, '0')}`),
        );
        const addedRules = addedContents.map((c, i) =>
          toRule(c, `sgr-0a${i.toString(16).padStart(15, '0')}`),
        );
        ec2.addRules(...heldRules, ...addedRules);
        ec2.prefixLists.set(VENDORS, { id: VENDORS, ownerId: '123456789012', entries: VENDOR_ENTRIES });
        const event = cloudTrailEvent(
          'AuthorizeSecurityGroupIngress',
          { groupId: GROUP },
          withRuleSet(
            ...addedContents.map((c, i) =>
              ruleSetItem({
                groupId: GROUP,
                securityGroupRuleId: addedRules[i]?.ruleId,
                fromPort: c.ports[0],
                toPort: c.ports[1],
                ...itemSource(c),
              }),
            ),
          ),
        );
        const config = loadConfig({
          TOPIC_ARN: TOPIC,
          WATCHED_PORTS: WATCHED.join(','),
          TRUSTED_CIDRS: TRUSTED,
        });
        await makeGuardHandler(config, deps, silentLog)(event);

        const remaining = [...ec2.rules.values()].map(contentOf);
        expect(isGuarded(remaining)).toBe(true);
        for (const rule of [...heldRules, ...addedRules]) {
          if (ec2.rules.has(rule.ruleId)) continue;
          expect(['review', 'world-open']).toContain(oracleVerdict(asOracle(contentOf(rule)), POLICY));
        }
      }),
      { numRuns: 150 },
    );
  });
});
