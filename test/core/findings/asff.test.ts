import { ComplianceStatus, SeverityLabel, WorkflowStatus } from '@aws-sdk/client-securityhub';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASFF_LIMITS, toAsffFinding } from '../../../functions/core/findings/asff.js';
import type { ActionTaken, Finding } from '../../../functions/core/findings/finding.js';
import { sampleFindings } from '../../support/sample-findings.js';
import { checkAgainstModel, loadSecurityHubSchema } from '../../support/securityhub-model.js';

const HOME = { partition: 'aws', region: 'eu-west-1', account: '123456789012' } as const;
let request: unknown[];
beforeAll(async () => {
  request = await loadSecurityHubSchema('BatchImportFindingsRequest');
});

const revoked = sampleFindings.find((f) => f.action.type === 'revoked') as Finding;
const withAction = (type: ActionTaken): Finding => ({ ...revoked, action: { ...revoked.action, type } });

describe('a finding in the AWS Security Finding Format', () => {
  it('every sample finding makes a BatchImportFindings request the SDK model accepts', () => {
    expect(sampleFindings.length).toBeGreaterThan(20);
    const Findings = sampleFindings.map((f) => toAsffFinding(f, HOME));
    expect(checkAgainstModel({ Findings }, request)).toEqual([]);
  });

  it.each([
    ['a missing required member', { Id: undefined }, /Id: required/],
    ['a member the model does not have', { Owner: 'x' }, /Owner: not a member/],
    ['a number where the model wants text', { Title: 3 }, /Title: expected a string/],
    ['a map of numbers', { ProductFields: { a: 1 } }, /ProductFields\.a: expected a string/],
  ])('the model check rejects %s', (_name, change, message) => {
    const broken = { ...toAsffFinding(revoked, HOME), ...change };
    expect(checkAgainstModel({ Findings: [broken] }, request).join('\n')).toMatch(message);
  });

  it.each<[ActionTaken, string, string]>([
    ['revoked', 'PASSED', 'RESOLVED'],
    ['narrowed', 'PASSED', 'RESOLVED'],
    ['replaced', 'PASSED', 'RESOLVED'],
    ['already-gone', 'PASSED', 'RESOLVED'],
    ['would-revoke', 'FAILED', 'NEW'],
    ['failed', 'FAILED', 'NEW'],
    ['review', 'FAILED', 'NEW'],
    ['exempted', 'WARNING', 'SUPPRESSED'],
    ['reported', 'NOT_AVAILABLE', 'NEW'],
  ])('a %s rule is compliance %s, workflow %s', (action, compliance, workflow) => {
    const asff = toAsffFinding(withAction(action), HOME);
    expect(asff.Compliance.Status).toBe(compliance);
    expect(asff.Workflow.Status).toBe(workflow);
    expect(Object.values(ComplianceStatus)).toContain(compliance);
    expect(Object.values(WorkflowStatus)).toContain(workflow);
  });

  it.each([
    ['critical', 'CRITICAL'],
    ['high', 'HIGH'],
    ['medium', 'MEDIUM'],
    ['low', 'LOW'],
    ['info', 'INFORMATIONAL'],
  ] as const)('severity %s maps to the label %s', (severity, label) => {
    expect(toAsffFinding({ ...revoked, severity }, HOME).Severity).toEqual({
      Label: label,
      Original: severity,
    });
    expect(Object.values(SeverityLabel)).toContain(label);
  });

  it('keeps the id and creation time of a redelivered event, so Security Hub updates the finding', () => {
    const first = toAsffFinding(revoked, HOME);
    const again = toAsffFinding(
      { ...withAction('already-gone'), observedAt: '2030-01-01T00:00:00.000Z' },
      HOME,
    );
    expect(again.Id).toBe(first.Id);
    expect(again.Id).toBe(revoked.findingId);
    expect(again.CreatedAt).toBe(first.CreatedAt);
    expect(again.UpdatedAt).not.toBe(first.UpdatedAt);
  });

  it('names the security group, the rule and the account default product', () => {
    const asff = toAsffFinding(revoked, HOME);
    expect(asff.ProductArn).toBe('arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default');
    expect(asff.Resources.map((r) => [r.Type, r.Id])).toEqual([
      [
        'AwsEc2SecurityGroup',
        `arn:aws:ec2:${revoked.region}:${revoked.account}:security-group/${revoked.resource.groupId}`,
      ],
      [
        'Other',
        `arn:aws:ec2:${revoked.region}:${revoked.account}:security-group-rule/${revoked.resource.ruleId}`,
      ],
    ]);
    // The guidance, cut after its last whole sentence within Security Hub's 512 characters.
    const text = asff.Remediation.Recommendation.Text;
    expect(revoked.guidance.startsWith(text)).toBe(true);
    expect(text).toMatch(/\.$/);
    expect(text.length).toBeLessThanOrEqual(ASFF_LIMITS.recommendationText);
  });

  it('names the EMR cluster of an EMR finding', () => {
    const emr = sampleFindings.find((f) => f.resource.emr) as Finding;
    const ids = toAsffFinding(emr, HOME).Resources.map((r) => r.Id);
    expect(ids).toContain(
      `arn:aws:elasticmapreduce:${emr.region}:${emr.account}:cluster/${emr.resource.emr?.clusterId}`,
    );
  });

  it('cuts any text to the ASFF limits and stays valid against the model', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.string({ maxLength: 3000 }), (summary, guidance) => {
        const asff = toAsffFinding({ ...revoked, summary, guidance, title: summary }, HOME);
        expect(asff.Title.length).toBeLessThanOrEqual(ASFF_LIMITS.title);
        expect(asff.Description.length).toBeLessThanOrEqual(ASFF_LIMITS.description);
        expect(asff.Remediation.Recommendation.Text.length).toBeLessThanOrEqual(
          ASFF_LIMITS.recommendationText,
        );
        expect(checkAgainstModel({ Findings: [asff] }, request)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
