// The home stack's promises about failure and visibility, read from the packaged
// template: nothing is lost silently, failures reach the topic, findings are encrypted at rest.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPackagedStack, resourcesOf, type Template } from '../support/packaged-stack';

let t: Template;

beforeAll(async () => {
  t = (await loadPackagedStack()).template;
}, 60_000);

const functions = () => resourcesOf(t, 'AWS::Lambda::Function');
const queues = () => resourcesOf(t, 'AWS::SQS::Queue');
const alarms = () => resourcesOf(t, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
const isQueueArn = (v: Template) => t.Resources[v?.['Fn::GetAtt']?.[0]]?.Type === 'AWS::SQS::Queue';

describe('async failures are bounded and kept', () => {
  it('every function retries at most twice within an hour, then sends the event to a queue', () => {
    expect(functions().length).toBeGreaterThan(0);
    for (const [id] of functions()) {
      const [, config] =
        resourcesOf(t, 'AWS::Lambda::EventInvokeConfig').find(
          ([, c]) => c.Properties.FunctionName.Ref === id,
        ) ?? [];
      expect(config, id).toBeDefined();
      expect(config?.Properties.MaximumRetryAttempts).toBeLessThanOrEqual(2);
      expect(config?.Properties.MaximumEventAgeInSeconds).toBeLessThanOrEqual(3600);
      expect(isQueueArn(config?.Properties.DestinationConfig.OnFailure.Destination)).toBe(true);
    }
  });

  it('every EventBridge target has a bounded retry policy and a dead-letter queue', () => {
    const targets = resourcesOf(t, 'AWS::Events::Rule').flatMap(([, r]) => r.Properties.Targets);
    expect(targets.length).toBeGreaterThanOrEqual(2);
    for (const target of targets) {
      expect(target.RetryPolicy.MaximumRetryAttempts).toBeLessThanOrEqual(185);
      expect(target.RetryPolicy.MaximumEventAgeInSeconds).toBeLessThanOrEqual(86400);
      expect(isQueueArn(target.DeadLetterConfig?.Arn)).toBe(true);
    }
  });

  it('queues are encrypted, keep messages 14 days, and accept EventBridge only from the guard’s rules', () => {
    for (const [id, queue] of queues()) {
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
      const [, policy] =
        resourcesOf(t, 'AWS::SQS::QueuePolicy').find(([, p]) => p.Properties.Queues[0].Ref === id) ?? [];
      const [statement] = policy?.Properties.PolicyDocument.Statement ?? [];
      expect(statement).toMatchObject({
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
      });
      expect(statement.Condition.ArnLike['aws:SourceArn']['Fn::Sub']).toMatch(
        /:rule\/ssh-ingress-guard-prod-\*$/,
      );
    }
  });
});

describe('alarms notify the findings topic', () => {
  const alarmOn = (metric: string, dimension: unknown) =>
    alarms().find(
      (a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension)),
    );

  it.each(['Errors', 'Throttles'])('every function has a %s alarm that fires on the first one', (metric) => {
    for (const [id] of functions()) {
      const alarm = alarmOn(metric, { Ref: id });
      expect(alarm, `${id} ${metric}`).toMatchObject({
        Namespace: 'AWS/Lambda',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: 'FindingsTopic' }],
      });
    }
  });

  it('every queue has a depth alarm', () => {
    for (const [id] of queues()) {
      expect(
        alarmOn('ApproximateNumberOfMessagesVisible', { 'Fn::GetAtt': [id, 'QueueName'] }),
      ).toMatchObject({
        Namespace: 'AWS/SQS',
        Threshold: 1,
        AlarmActions: [{ Ref: 'FindingsTopic' }],
      });
    }
  });
});

describe('the findings topic', () => {
  it('is encrypted with the guard’s own rotating KMS key', () => {
    expect(t.Resources.FindingsTopic.Properties.KmsMasterKeyId).toEqual({ Ref: 'FindingsKey' });
    expect(t.Resources.FindingsKey.Properties.EnableKeyRotation).toBe(true);
  });

  it('gets an email subscription only when alertEmail is set (empty by default)', () => {
    const subscription = t.Resources.AlertEmailSubscription;
    expect(subscription.Condition).toBe('HasAlertEmail');
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', TopicArn: { Ref: 'FindingsTopic' } });
    expect(t.Conditions.HasAlertEmail).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
  });
});

it('every log group has a retention period', () => {
  const groups = resourcesOf(t, 'AWS::Logs::LogGroup');
  expect(groups.length).toBe(functions().length);
  for (const [, group] of groups) expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
});
