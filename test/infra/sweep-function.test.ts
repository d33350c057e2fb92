import { describe, expect, it } from 'vitest';
import { EC2_ACTIONS } from '../../functions/adapters/ec2-adapter.js';
import { packagedTemplate } from '../support/packaged.js';

type Props = Record<string, unknown>;

describe('the sweep function in the packaged template', () => {
  const resources = packagedTemplate().Resources;
  const sweep = resources.SweepLambdaFunction?.Properties as Props;

  it('is its own function with a 15-minute timeout and its concurrency setting', () => {
    expect(sweep).toMatchObject({
      Handler: 'functions/handlers/sweep.handler',
      Timeout: 900,
      Environment: { Variables: expect.objectContaining({ SWEEP_REGION_CONCURRENCY: '4' }) },
    });
  });

  it('runs every six hours by default', () => {
    const schedules = Object.values(resources).filter(
      (r) => r.Type === 'AWS::Events::Rule' && r.Properties?.ScheduleExpression,
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0]?.Properties).toMatchObject({
      ScheduleExpression: 'rate(6 hours)',
      Targets: [{ Arn: { 'Fn::GetAtt': ['SweepLambdaFunction', 'Arn'] } }],
    });
  });

  it('may call every EC2 action the adapter declares, including the sweep reads', () => {
    const role = resources.IamRoleLambdaExecution?.Properties as {
      Policies: { PolicyDocument: { Statement: Props[] } }[];
    };
    const allowed = role.Policies.flatMap((p) => p.PolicyDocument.Statement).flatMap(
      (s) => s.Action as string[],
    );
    expect(allowed).toEqual(expect.arrayContaining([...EC2_ACTIONS]));
    expect(EC2_ACTIONS).toEqual(
      expect.arrayContaining(['ec2:DescribeRegions', 'ec2:GetManagedPrefixListAssociations']),
    );
  });
});
