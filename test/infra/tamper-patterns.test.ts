// Tamper evidence: every way to blind the guard reaches the tamper function through the deployed
// self-protection rules (and the forwarders carry the same patterns), while similar everyday calls do
// not. Samples are in events/ (manifest trigger "self-protection"); near misses are built from them.
import { beforeAll, describe, expect, it } from 'vitest';
import { readPatterns } from '../../scripts/gen-forwarder';
import { matchesPattern } from '../support/event-pattern';
import { loadEvent, loadManifest } from '../support/events';
import { loadPackagedStack, resourcesOf, type Template } from '../support/packaged-stack';

const manifest = loadManifest();
const tamperSamples = manifest.filter((e) => e.file.startsWith('tamper-'));
const delivered = tamperSamples.filter((e) => e.trigger === 'self-protection');
const quiet = tamperSamples.filter((e) => e.trigger === 'none');
let tamperPatterns: unknown[] = [];

beforeAll(async () => {
  const packaged = (await loadPackagedStack()).template;
  tamperPatterns = resourcesOf(packaged, 'AWS::Events::Rule')
    .filter(([, r]) =>
      r.Properties.Targets?.some((t: Template) => t.Arn?.['Fn::GetAtt']?.[0] === 'TamperLambdaFunction'),
    )
    .map(([, r]) => r.Properties.EventPattern);
}, 60_000);

const reachesTamper = (event: unknown) => tamperPatterns.some((p) => matchesPattern(p, event));

function variant(file: string, detail: Record<string, unknown>) {
  const event = loadEvent(file);
  return { ...event, detail: { ...event.detail, ...detail } };
}

describe('the deployed self-protection rules deliver every tamper path to the tamper function', () => {
  it('two rules target the tamper function, with the selfProtection and selfProtectionDependencies patterns', () => {
    const patterns = readPatterns();
    expect(tamperPatterns).toEqual([patterns.selfProtection, patterns.selfProtectionDependencies]);
  });

  it('covers each path of the sample set', () => {
    const sources = new Set(delivered.map((e) => loadEvent(e.file).detail.eventSource));
    expect([...sources].sort()).toEqual([
      'cloudformation.amazonaws.com',
      'cloudtrail.amazonaws.com',
      'events.amazonaws.com',
      'iam.amazonaws.com',
      'kms.amazonaws.com',
    ]);
  });

  it.each(delivered.map((e) => [e.file, e.expect]))('%s reaches the tamper function (then: %s)', (file) => {
    expect(reachesTamper(loadEvent(file))).toBe(true);
  });

  it.each(quiet.map((e) => [e.file]))('%s reaches no rule of the guard', (file) => {
    expect(reachesTamper(loadEvent(file))).toBe(false);
  });

  const ROLE = 'ssh-ingress-guard-prod-GuardRole-1A2B3C4D5E6F';
  it.each([
    [
      'a policy detached from a guard role',
      'tamper-iam-attach-role-policy.json',
      { eventName: 'DetachRolePolicy' },
    ],
    [
      'an inline policy put on a guard role',
      'tamper-iam-attach-role-policy.json',
      {
        eventName: 'PutRolePolicy',
        requestParameters: { roleName: ROLE, policyName: 'x', policyDocument: '{}' },
      },
    ],
    [
      'an inline policy deleted from a guard role',
      'tamper-iam-attach-role-policy.json',
      { eventName: 'DeleteRolePolicy', requestParameters: { roleName: ROLE, policyName: 'guard' } },
    ],
    ['a forwarder rule deleted', 'tamper-events-disable-forwarder-rule.json', { eventName: 'DeleteRule' }],
    [
      'the default bus named explicitly',
      'tamper-events-put-permission-default-bus.json',
      {
        eventName: 'RemovePermission',
        requestParameters: { eventBusName: 'default', statementId: 's', removeAllPermissions: false },
      },
    ],
    ['the guard stack deleted by ARN', 'tamper-cloudformation-delete-stack.json', {}],
    [
      'the StackSet deleted',
      'tamper-cloudformation-update-stack-set.json',
      { eventName: 'DeleteStackSet', requestParameters: { stackSetName: 'ssh-ingress-guard' } },
    ],
    [
      'StackSet instances updated',
      'tamper-cloudformation-update-stack-set.json',
      { eventName: 'UpdateStackInstances' },
    ],
    [
      'a trail deleted in another region',
      'tamper-cloudtrail-delete-trail.json',
      { awsRegion: 'ap-southeast-2' },
    ],
  ])('also %s', (_name, file, detail) => {
    expect(reachesTamper(variant(file, detail))).toBe(true);
  });

  it.each([
    [
      'a policy attached to another role',
      'tamper-iam-attach-role-policy.json',
      {
        requestParameters: {
          roleName: 'orders-api-role',
          policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        },
      },
    ],
    ['a role read, not changed', 'tamper-iam-attach-role-policy.json', { eventName: 'GetRole' }],
    [
      'someone else’s rule disabled',
      'tamper-events-disable-forwarder-rule.json',
      { requestParameters: { name: 'billing-nightly-export' } },
    ],
    [
      'logging started (the opposite of blinding)',
      'tamper-cloudtrail-stop-logging.json',
      { eventName: 'StartLogging' },
    ],
    ['selectors read', 'tamper-cloudtrail-selectors-no-management.json', { eventName: 'GetEventSelectors' }],
    [
      'another stack deleted',
      'tamper-cloudformation-delete-stack.json',
      { requestParameters: { stackName: 'orders-api-prod' } },
    ],
    [
      'a change set created (nothing changes until it runs)',
      'tamper-cloudformation-execute-change-set.json',
      { eventName: 'CreateChangeSet' },
    ],
    [
      'another StackSet updated',
      'tamper-cloudformation-update-stack-set.json',
      { requestParameters: { stackSetName: 'network-baseline' } },
    ],
    [
      'a failed StopLogging (errorCode: nothing changed)',
      'tamper-cloudtrail-stop-logging.json',
      { errorCode: 'AccessDenied', errorMessage: 'denied' },
    ],
    ['a key used, not changed', 'tamper-kms-disable-key.json', { eventName: 'Decrypt' }],
  ])('not %s', (_name, file, detail) => {
    expect(reachesTamper(variant(file, detail))).toBe(false);
  });
});

describe('CloudFormation: the stack operation alerts, not each call made on its behalf', () => {
  const putRule = (sourceIPAddress: string, invokedBy?: string) =>
    variant('self-protection-disable-rule.json', {
      eventName: 'PutRule',
      sourceIPAddress,
      requestParameters: {
        name: 'ssh-ingress-guard-prod-guard-rule-1',
        eventPattern: '{"source":["aws.s3"]}',
        state: 'ENABLED',
      },
      ...(invokedBy
        ? {
            userIdentity: {
              ...(loadEvent('self-protection-disable-rule.json').detail.userIdentity as object),
              invokedBy,
            },
          }
        : {}),
    });

  it.each([
    ['an IPv4 address', '198.51.100.77'],
    ['an IPv6 address', '2001:db8:4f1e::17'],
    ['the console', 'AWS Internal'],
    ['a private address behind a VPC endpoint', '10.0.3.4'],
    ['another AWS service acting for the caller', 'ssm.amazonaws.com'],
  ])('a direct PutRule rewriting a guard rule alerts, from %s', (_name, ip) => {
    expect(reachesTamper(putRule(ip))).toBe(true);
  });

  it('the PutRule CloudFormation makes during a deploy stays quiet, because the UpdateStack that caused it alerted', () => {
    expect(reachesTamper(putRule('cloudformation.amazonaws.com', 'cloudformation.amazonaws.com'))).toBe(
      false,
    );
    expect(reachesTamper(loadEvent('tamper-cloudformation-update-stack.json'))).toBe(true);
    expect(reachesTamper(loadEvent('tamper-cloudformation-execute-change-set.json'))).toBe(true);
  });
});

describe('the watchdog watches the watcher', () => {
  const watchdog = () => readPatterns().selfProtectionWatchdog;
  const TAMPER_FN = 'arn:aws:lambda:eu-west-1:123456789012:function:ssh-ingress-guard-prod-tamper';

  it.each([
    [
      'the tamper function throttled to zero',
      {
        eventName: 'PutFunctionConcurrency20171031',
        requestParameters: { functionName: TAMPER_FN, reservedConcurrentExecutions: 0 },
      },
    ],
    [
      'the tamper function deleted',
      {
        eventName: 'DeleteFunction20150331',
        requestParameters: { functionName: 'ssh-ingress-guard-prod-tamper' },
      },
    ],
    [
      'the self-protection rule disabled',
      { eventName: 'DisableRule', requestParameters: { name: 'ssh-ingress-guard-prod-self-protection' } },
    ],
    [
      'the dependencies rule’s targets removed',
      {
        eventName: 'RemoveTargets',
        requestParameters: {
          rule: 'ssh-ingress-guard-prod-self-protection-dependencies',
          ids: ['tamper-function'],
        },
      },
    ],
  ])('%s goes straight to the topic', (_name, detail) => {
    const event = variant('self-protection-lambda-concurrency-zero.json', detail);
    expect(
      matchesPattern(watchdog(), {
        ...event,
        source:
          detail.eventName.includes('Rule') || detail.eventName.includes('Targets')
            ? 'aws.events'
            : 'aws.lambda',
      }),
    ).toBe(true);
  });

  it.each([
    [
      'the guard function throttled (the self-protection rule covers it)',
      {
        eventName: 'PutFunctionConcurrency20171031',
        requestParameters: { functionName: 'ssh-ingress-guard-prod-guard', reservedConcurrentExecutions: 0 },
      },
    ],
    [
      'the tamper function given more concurrency',
      {
        eventName: 'PutFunctionConcurrency20171031',
        requestParameters: { functionName: TAMPER_FN, reservedConcurrentExecutions: 5 },
      },
    ],
  ])('not %s', (_name, detail) => {
    expect(matchesPattern(watchdog(), variant('self-protection-lambda-concurrency-zero.json', detail))).toBe(
      false,
    );
  });
});
