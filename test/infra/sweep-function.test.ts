import { beforeAll, describe, expect, it } from 'vitest';
import { loadPackagedStack, resourcesOf, type Template } from '../support/packaged-stack';

let resources: Record<string, Template>;

beforeAll(async () => {
  resources = (await loadPackagedStack()).template.Resources;
}, 60_000);

describe('the sweep function in the packaged template', () => {
  it('is its own function with its own role, a 15-minute timeout and its concurrency setting', () => {
    expect(resources.SweepLambdaFunction?.Properties).toMatchObject({
      Handler: 'functions/handlers/sweep.handler',
      Timeout: 900,
      Role: { 'Fn::GetAtt': ['SweepRole', 'Arn'] },
      Environment: { Variables: expect.objectContaining({ SWEEP_REGION_CONCURRENCY: '4' }) },
    });
  });

  it('runs every six hours by default', () => {
    // The opt-in canary has its own schedule (a conditional resource); the sweep's is the other one.
    const schedules = resourcesOf({ Resources: resources }, 'AWS::Events::Rule').filter(
      ([, r]) => r.Properties?.ScheduleExpression && r.Condition !== 'CanaryEnabled',
    );
    expect(schedules).toHaveLength(1);
    expect(schedules[0]?.[1].Properties).toMatchObject({
      ScheduleExpression: 'rate(6 hours)',
      Targets: [{ Arn: { 'Fn::GetAtt': ['SweepLambdaFunction', 'Arn'] } }],
    });
  });

  it('alarms on the topic when a sweep fails', () => {
    expect(resources.SweepErrorsAlarm?.Properties).toMatchObject({
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'SweepLambdaFunction' } }],
      AlarmActions: [{ Ref: 'FindingsTopic' }],
    });
  });
});
