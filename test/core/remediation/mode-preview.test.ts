import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPolicySettings } from '../../../functions/config/config.js';
import type { CurrentRule } from '../../../functions/core/model/rule.js';
import {
  type ModePreview,
  previewKey,
  previewModes,
} from '../../../functions/core/remediation/mode-preview.js';
import { guardWithoutPublishing } from '../../../functions/pipeline/run-guard.js';
import { inMemoryDeps } from '../../support/in-memory-aws.js';
import { cidr, ruleOf, TEST_TRIGGER } from '../../support/policy.js';

const LIST = 'pl-0123456789abcdef0';
const EXEMPT_GROUP = 'sg-0e0e0e0e0e0e0e0e0';
const settings = loadPolicySettings({
  EXEMPTIONS: JSON.stringify([
    { groupId: EXEMPT_GROUP, reason: 'bastion', expires: '2099-01-01', approvedBy: 'sec' },
  ]),
});

const NOW = new Date('2026-12-03T12:00:00Z');

/** What every mode would do to the one rule of a region, as the guard's decision and planner say. */
function preview(rule: CurrentRule, lists: Record<string, string[]> = {}): ModePreview[] | undefined {
  const prefixLists = new Map(Object.entries(lists).map(([id, entries]) => [id, { id, entries }]));
  const facts = { region: TEST_TRIGGER.region, rules: [rule], missing: [], wholeGroups: true, prefixLists };
  const previews = previewModes(facts, settings.policy, NOW);
  expect(previews.size).toBeLessThanOrEqual(1);
  return [...previews.values()][0];
}
const texts = (previews: ModePreview[] | undefined) =>
  Object.fromEntries((previews ?? []).map((p) => [p.mode, p.text]));

describe('what each mode would do', () => {
  it.each([
    [
      'tcp/22 from 0.0.0.0/0',
      ruleOf({ ruleId: 'sgr-00000000000000001' }),
      {
        revoke: 'revoke sgr-00000000000000001 (tcp/22 from 0.0.0.0/0)',
        narrow:
          'revoke sgr-00000000000000001 (tcp/22 from 0.0.0.0/0); the rule opened only watched ports, so there was nothing to keep',
        'replace-with-eic':
          'revoke sgr-00000000000000001 (tcp/22 from 0.0.0.0/0), then add tcp/22 from com.amazonaws.eu-west-1.ec2-instance-connect (if the region has that list; otherwise revoke only)',
        report: 'no change: the finding says would-revoke',
      },
    ],
    [
      'every tcp port from ::/0',
      ruleOf({ ruleId: 'sgr-00000000000000002', ports: { from: 0, to: 65535 }, source: cidr('::/0') }),
      {
        revoke: 'revoke sgr-00000000000000002 (tcp/0-65535 from ::/0)',
        narrow:
          'add tcp/0-21 from ::/0, tcp/23-65535 from ::/0, then revoke sgr-00000000000000002 (tcp/0-65535 from ::/0)',
        'replace-with-eic':
          'revoke sgr-00000000000000002 (tcp/0-65535 from ::/0), then add tcp/22 from com.amazonaws.eu-west-1.ipv6.ec2-instance-connect (if the region has that list; otherwise revoke only)',
        report: 'no change: the finding says would-revoke',
      },
    ],
    [
      'all traffic from 0.0.0.0/0',
      ruleOf({ ruleId: 'sgr-00000000000000003', protocol: 'all', ports: { from: 0, to: 65535 } }),
      {
        narrow:
          'add tcp/0-21 from 0.0.0.0/0, tcp/23-65535 from 0.0.0.0/0, udp/all from 0.0.0.0/0, icmp/all from 0.0.0.0/0, then revoke sgr-00000000000000003 (all traffic from 0.0.0.0/0); not kept: IP protocols other than tcp, udp and ICMP (GRE, ESP, SCTP...)',
      },
    ],
    [
      'a public /32 (review)',
      ruleOf({ ruleId: 'sgr-00000000000000004', source: cidr('52.94.76.10/32') }),
      {
        revoke: 'no change: reported for review',
        narrow: 'no change: reported for review',
        'replace-with-eic': 'no change: reported for review',
        report: 'no change: reported for review',
      },
    ],
    [
      'an exempted group',
      ruleOf({ ruleId: 'sgr-00000000000000005', groupId: EXEMPT_GROUP }),
      {
        revoke: 'no change: exempted',
        narrow: 'no change: exempted',
        'replace-with-eic': 'no change: exempted',
        report: 'no change: exempted',
      },
    ],
  ])('%s', async (_, rule, expected) => {
    expect(texts(preview(rule))).toMatchObject(expected);
  });

  it("falls back to revoke when narrowing cannot know a prefix list's address family", async () => {
    const rule = ruleOf({
      ruleId: 'sgr-00000000000000006',
      protocol: 'all',
      ports: { from: 0, to: 65535 },
      source: { kind: 'prefix-list', prefixListId: LIST },
    });
    const previews = preview(rule, { [LIST]: ['0.0.0.0/0', '::/0'] });
    expect(texts(previews).narrow).toBe(
      `revoke sgr-00000000000000006 (all traffic from ${LIST}); not narrowed: the address family of prefix list ${LIST} is unknown, so its ICMP part cannot be written`,
    );
  });

  it('changes nothing in report mode, and changes the group in revoke mode exactly when the finding says would-revoke', async () => {
    const sources = ['0.0.0.0/0', '::/0', '52.94.76.10/32', '44.0.0.0/8', '128.0.0.0/1', '2600::/16'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sources),
        fc.integer({ min: 0, max: 22 }),
        fc.integer({ min: 22, max: 65535 }),
        fc.boolean(),
        async (source, from, to, exempt) => {
          const rule = ruleOf({
            ports: { from, to },
            source: cidr(source),
            ...(exempt ? { groupId: EXEMPT_GROUP } : {}),
          });
          const { deps } = inMemoryDeps();
          const { findings } = await guardWithoutPublishing(
            { trigger: TEST_TRIGGER, selection: { kind: 'rules', rules: [rule], wholeGroups: true } },
            { ...settings, mode: 'report' },
            deps,
          );
          const previews = previewModes(
            {
              region: TEST_TRIGGER.region,
              rules: [rule],
              missing: [],
              wholeGroups: true,
              prefixLists: new Map(),
            },
            settings.policy,
            NOW,
          );
          for (const finding of findings) {
            const effect = Object.fromEntries(
              (previews.get(previewKey(rule.ruleId, finding.checkId)) ?? []).map((p) => [p.mode, p.effect]),
            );
            expect(effect.report).toBe('none');
            expect(effect.revoke).toBe(finding.action.type === 'would-revoke' ? 'change' : 'none');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
