import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import type { Finding } from '../../functions/core/findings/finding.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { silentLog } from '../../functions/log.js';
import { cloudTrailEvent } from '../support/events.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { InMemoryOpeningLog } from '../support/in-memory-opening-log.js';

// Flip-flop with infrastructure as code, and claims are verified: a rule is charged to an event's
// caller ("opened by Terraform", the repeat count) only when the event carried it. A prefix-list
// edit, an EMR cluster or a record CloudTrail cut short makes the guard read whole groups, and the
// world-open rules found there were open before the call: they are reported and remediated, never
// attributed to the caller nor counted as re-opened.
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const CONTEXT = { invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:guard' };
const GROUP = 'sg-0a1b2c3d4e5f60001';
const LIST = 'pl-0a1b2c3d4e5f60077';
const OLD_RULE = 'sgr-0000000000000bbbb';
const TERRAFORM =
  'APN/1.0 HashiCorp/1.0 Terraform/1.7.0 (+https://www.terraform.io) terraform-provider-aws/5.40.0';

const omittedModify = (n: number) =>
  cloudTrailEvent('ModifySecurityGroupRules', null, null, {
    omitted: true,
    eventID: `11111111-0000-4000-8000-00000000000${n}`,
    eventTime: `2026-11-21T0${7 + n}:00:00Z`,
    userAgent: TERRAFORM,
  });

const listEdit = (n: number) =>
  cloudTrailEvent(
    'ModifyManagedPrefixList',
    {
      ModifyManagedPrefixListRequest: {
        PrefixListId: LIST,
        CurrentVersion: n,
        AddEntry: { Cidr: `10.0.${n}.0/24`, tag: 1 },
      },
    },
    { ModifyManagedPrefixListResponse: { prefixList: { prefixListId: LIST, version: n + 1 } } },
    {
      eventID: `22222222-0000-4000-8000-00000000000${n}`,
      eventTime: `2026-11-21T0${7 + n}:00:00Z`,
      userAgent: TERRAFORM,
    },
  );

function account() {
  const { deps, ec2For, publisher } = inMemoryDeps();
  const openings = new InMemoryOpeningLog();
  const ec2 = ec2For('eu-west-1');
  // The group references the office list on 443, and has held world-open SSH for months.
  ec2.addRules(
    {
      groupId: GROUP,
      ruleId: 'sgr-0000000000000aaaa',
      direction: 'ingress',
      protocol: 'tcp',
      ports: { from: 443, to: 443 },
      source: { kind: 'prefix-list', prefixListId: LIST },
    },
    {
      groupId: GROUP,
      ruleId: OLD_RULE,
      direction: 'ingress',
      protocol: 'tcp',
      ports: { from: 22, to: 22 },
      source: { kind: 'cidr4', cidr: '0.0.0.0/0' },
    },
  );
  ec2.prefixLists.set(LIST, {
    id: LIST,
    name: 'office',
    ownerId: '123456789012',
    entries: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
    version: 3,
    state: 'modify-complete',
  });
  const handler = makeGuardHandler(
    loadConfig({ TOPIC_ARN: TOPIC, REMEDIATION_MODE: 'report', REPEAT_TABLE: 'openings' }),
    { ...deps, openings },
    silentLog,
  );
  const findings = () => publisher.documents().flatMap((d) => d.findings as Finding[]);
  return { handler, openings, findings };
}

describe('a rule is charged to an event only when the event carried it', () => {
  it.each([
    ['two records CloudTrail cut short (each sweeps the region)', omittedModify],
    ['two prefix-list edits adding private entries (each reads the referencing groups)', listEdit],
  ])('%s: the old world-open rule is reported, never a repeat nor opened by the caller', async (_, event) => {
    const { handler, openings, findings } = account();
    await handler(event(1), CONTEXT);
    await handler(event(2), CONTEXT);
    const old = findings().filter((f) => f.resource.ruleId === OLD_RULE);
    expect(old.length).toBeGreaterThan(0);
    for (const f of old) {
      expect(f.checkId).toBe('ssh-world-open');
      expect(f.action.note ?? '').not.toMatch(/opened by/);
      expect(f.trigger.tool).toBeUndefined();
    }
    expect(openings.calls).toEqual([]);
  });
});
