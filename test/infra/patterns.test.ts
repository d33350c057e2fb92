// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here are CloudFormation Fn::Sub variables
// The forwarders in other regions must carry exactly the patterns the home stack matches on, or a
// region goes quiet; and the self-protection rule must fire on attempts to switch the guard off, and
// stay silent on upgrades.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEventPatterns } from '../../functions/triggers/event-patterns';
import { cloudTrailTrigger, TRIGGERS } from '../../functions/triggers/registry';
import { loadTemplateFile } from '../../scripts/cfn-check';
import {
  FORWARD_PREFIX,
  FORWARDER_FILE,
  forwarderRuleId,
  patternsFromRegistry,
  readPatterns,
  renderForwarderTemplate,
} from '../../scripts/gen-forwarder';
import { matchesPattern, validatePattern } from '../support/event-pattern';
import { functionPatternKeys } from '../support/event-routing';
import { loadEvent } from '../support/events';
import { renderInput } from '../support/input-transformer';
import { loadPackagedStack, resourcesOf, SERVICE, type Template } from '../support/packaged-stack';

const patterns = readPatterns();
const forwarder = loadTemplateFile(FORWARDER_FILE) as Template;
const selfProtection = patterns.selfProtection as Record<string, unknown>;
let packaged: Template;

beforeAll(async () => {
  packaged = (await loadPackagedStack()).template;
}, 60_000);

const homeRules = () =>
  resourcesOf(packaged, 'AWS::Events::Rule').filter(([, r]) => r.Properties.EventPattern);

describe('the functions’ patterns come from the trigger registry', () => {
  it('infra/event-patterns.json holds what the registry builds (run npm run gen:forwarder)', () => {
    expect(patterns).toEqual(patternsFromRegistry(patterns));
    const built = buildEventPatterns(TRIGGERS);
    for (const key of Object.keys(built)) expect(patterns[key], key).toEqual(built[key]);
  });

  it('keeps the patterns no trigger owns (self-protection) exactly as they are', () => {
    const owned = Object.keys(buildEventPatterns(TRIGGERS));
    const notOwned = ['selfProtection', 'selfProtectionDependencies', 'selfProtectionWatchdog'];
    expect(Object.keys(patterns).filter((k) => !owned.includes(k))).toEqual(notOwned);
    const regenerated = patternsFromRegistry(patterns);
    for (const key of notOwned) expect(regenerated[key], key).toBe(patterns[key]);
  });

  it('wires each function in serverless.yml to exactly the pattern keys of its triggers', () => {
    const keysOf = (receiver: string) => [
      ...new Set(
        TRIGGERS.filter((t) => t.receiver === receiver).flatMap((t) => (t.pattern ? [t.pattern.key] : [])),
      ),
    ];
    const wired = functionPatternKeys();
    for (const receiver of ['guard', 'emrGuard', 'sweep'])
      expect(wired[receiver] ?? [], receiver).toEqual(keysOf(receiver));
  });

  it('a trigger added to the registry reaches its key’s pattern and the forwarder of that key', () => {
    const added = cloudTrailTrigger({
      id: 'throwaway',
      receiver: 'guard',
      busSource: 'aws.ec2',
      eventSource: 'ec2.amazonaws.com',
      eventName: 'RestoreManagedPrefixListVersionThrowaway',
      patternKey: 'securityGroupEvents',
      parse: () => ({ ok: false, error: 'unused' }),
    });
    const next = patternsFromRegistry(patterns, [...TRIGGERS, added]);
    const eventNames = (p: Record<string, unknown>) =>
      (p.securityGroupEvents as { detail: { eventName: string[] } }).detail.eventName;
    expect(eventNames(next)).toEqual([...eventNames(patterns), 'RestoreManagedPrefixListVersionThrowaway']);
    const forwarded = renderForwarderTemplate(next);
    expect(forwarded).toContain('RestoreManagedPrefixListVersionThrowaway');
    expect(next.selfProtection).toBe(selfProtection);
  });
});

describe('regional forwarders carry the home stack’s patterns', () => {
  it('infra/regional-forwarder.yml is what scripts/gen-forwarder.ts writes (run npm run gen:forwarder)', () => {
    expect(readFileSync(FORWARDER_FILE, 'utf8')).toBe(renderForwarderTemplate(patterns));
  });

  it('forwards every pattern of infra/event-patterns.json, each unchanged, and nothing else', () => {
    const forwarded = resourcesOf(forwarder, 'AWS::Events::Rule');
    expect(forwarded.map(([id]) => id).sort()).toEqual(Object.keys(patterns).map(forwarderRuleId).sort());
    for (const [key, pattern] of Object.entries(patterns))
      expect(forwarder.Resources[forwarderRuleId(key)].Properties.EventPattern).toEqual(pattern);
  });

  it('every event pattern the packaged home stack matches on is forwarded, identical', () => {
    const forwarded = resourcesOf(forwarder, 'AWS::Events::Rule').map(([, r]) => r.Properties.EventPattern);
    expect(homeRules().length).toBeGreaterThanOrEqual(2);
    for (const [id, rule] of homeRules()) expect(forwarded, id).toContainEqual(rule.Properties.EventPattern);
  });

  it.each(Object.keys(patterns))('%s is a valid pattern within EventBridge’s 2048-character limit', (key) => {
    expect(validatePattern(patterns[key])).toEqual([]);
    expect(JSON.stringify(patterns[key]).length).toBeLessThanOrEqual(2048);
  });

  it('every forwarder target is the home default bus, through the forwarder role, with a dead-letter queue', () => {
    for (const [, rule] of resourcesOf(forwarder, 'AWS::Events::Rule')) {
      expect(rule.Condition).toBe('IsRemoteRegion');
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({
          Arn: {
            'Fn::Sub': 'arn:${AWS::Partition}:events:${HomeRegion}:${AWS::AccountId}:event-bus/default',
          },
          RoleArn: { 'Fn::GetAtt': ['ForwardRole', 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['FailedForwardsQueue', 'Arn'] } },
        }),
      ]);
    }
  });
});

/** A sample event with some CloudTrail fields replaced. */
function variant(file: string, detail: Record<string, unknown>, source?: string) {
  const event = loadEvent(file);
  return { ...event, ...(source ? { source } : {}), detail: { ...event.detail, ...detail } };
}

const GUARD_FN = 'arn:aws:lambda:eu-west-1:123456789012:function:ssh-ingress-guard-prod-guard';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ssh-ingress-guard-prod-findings';
const BY_CLOUDFORMATION = { sourceIPAddress: 'cloudformation.amazonaws.com' };
const rule = 'self-protection-disable-rule.json';
const concurrency = 'self-protection-lambda-concurrency-zero.json';
const sns = (eventName: string, requestParameters: unknown, extra = {}) =>
  variant(rule, { eventSource: 'sns.amazonaws.com', eventName, requestParameters, ...extra }, 'aws.sns');
const lambda = (eventName: string, requestParameters: unknown, extra = {}) =>
  variant(concurrency, { eventName, requestParameters, ...extra });

describe('self-protection alerts on attempts to switch the guard off', () => {
  it.each([
    ['its rule disabled (sample)', loadEvent(rule)],
    ['its rule deleted', variant(rule, { eventName: 'DeleteRule' })],
    [
      'a forwarder rule in another region deleted',
      variant(rule, {
        eventName: 'DeleteRule',
        requestParameters: { name: `${FORWARD_PREFIX}-security-group-events` },
      }),
    ],
    [
      'its targets removed',
      variant(rule, {
        eventName: 'RemoveTargets',
        requestParameters: { rule: 'ssh-ingress-guard-prod-guard-rule-1', ids: ['t'] },
      }),
    ],
    [
      'its rule rewritten by hand',
      variant(rule, {
        eventName: 'PutRule',
        requestParameters: { name: 'ssh-ingress-guard-prod-guard-rule-1', state: 'DISABLED' },
      }),
    ],
    ['its function throttled to zero (sample)', loadEvent(concurrency)],
    [
      'its function throttled to zero, named by name',
      lambda('PutFunctionConcurrency20171031', {
        functionName: 'ssh-ingress-guard-prod-guard',
        reservedConcurrentExecutions: 0,
      }),
    ],
    ['its function deleted', lambda('DeleteFunction20150331', { functionName: GUARD_FN })],
    [
      'its function reconfigured by hand',
      lambda('UpdateFunctionConfiguration20150331v2', { functionName: 'ssh-ingress-guard-prod-guard' }),
    ],
    [
      'its function code replaced by hand',
      lambda('UpdateFunctionCode20150331v2', { functionName: GUARD_FN }),
    ],
    [
      'its invoke permission removed',
      lambda('RemovePermission20150331v2', {
        functionName: 'ssh-ingress-guard-prod-guard',
        statementId: 's',
      }),
    ],
    ['its topic deleted', sns('DeleteTopic', { topicArn: TOPIC })],
    [
      'a subscription removed',
      sns('Unsubscribe', { subscriptionArn: `${TOPIC}:0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9` }),
    ],
    [
      'a subscription filtered to silence',
      sns('SetSubscriptionAttributes', { subscriptionArn: `${TOPIC}:0f1e`, attributeName: 'FilterPolicy' }),
    ],
    [
      'its topic policy replaced by hand',
      sns('SetTopicAttributes', { topicArn: TOPIC, attributeName: 'Policy' }),
    ],
  ])('%s', (_name, event) => {
    expect(matchesPattern(selfProtection, event)).toBe(true);
  });

  it.each([
    [
      'a CloudFormation deploy reconfiguring the function (sample)',
      loadEvent('self-protection-cfn-update-config.json'),
    ],
    [
      'a CloudFormation deploy updating the function code',
      lambda('UpdateFunctionCode20150331v2', { functionName: GUARD_FN }, BY_CLOUDFORMATION),
    ],
    [
      'a CloudFormation deploy updating the topic policy',
      sns('SetTopicAttributes', { topicArn: TOPIC }, BY_CLOUDFORMATION),
    ],
    [
      'a CloudFormation deploy updating the rule',
      variant(rule, {
        eventName: 'PutRule',
        ...BY_CLOUDFORMATION,
        requestParameters: { name: 'ssh-ingress-guard-prod-guard-rule-1', state: 'ENABLED' },
      }),
    ],
    [
      'someone else’s rule disabled',
      variant(rule, { requestParameters: { name: 'billing-nightly-export' } }),
    ],
    [
      'someone else’s function throttled to zero',
      lambda('PutFunctionConcurrency20171031', {
        functionName: 'orders-api',
        reservedConcurrentExecutions: 0,
      }),
    ],
    [
      'the guard given more concurrency',
      lambda('PutFunctionConcurrency20171031', { functionName: GUARD_FN, reservedConcurrentExecutions: 10 }),
    ],
    ['a failed attempt (errorCode: nothing changed)', variant(rule, { errorCode: 'AccessDenied' })],
    ['the guard’s own trigger event', loadEvent('authorize-world-ipv4-ssh.json')],
  ])('not on %s', (_name, event) => {
    expect(matchesPattern(selfProtection, event)).toBe(false);
  });
});

describe('the self-protection rule in the home stack', () => {
  const selfRule = () => packaged.Resources.SelfProtectionRule;

  it('uses the selfProtection pattern and names every guard rule, function and topic it protects', () => {
    expect(selfRule().Properties.EventPattern).toEqual(selfProtection);
    const prefix = `${SERVICE}-`;
    expect(JSON.stringify(selfProtection)).toContain(`"prefix":"${prefix}"`);
    const names = [
      ...resourcesOf(packaged, 'AWS::Events::Rule').map(([, r]) => r.Properties.Name),
      ...resourcesOf(forwarder, 'AWS::Events::Rule').map(([, r]) => r.Properties.Name),
      ...resourcesOf(packaged, 'AWS::Lambda::Function').map(([, r]) => r.Properties.FunctionName),
      ...resourcesOf(packaged, 'AWS::SNS::Topic').map(([, r]) => r.Properties.TopicName),
    ];
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) expect(name).toMatch(new RegExp(`^${prefix}`));
  });

  it('delivers to the tamper function, which judges the call and writes the readable alert', () => {
    expect(selfRule().Properties.Targets).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': ['TamperLambdaFunction', 'Arn'] } }),
    ]);
  });

  it('its watchdog sends a critical JSON alert straight to the topic, so it works with the tamper function gone', () => {
    const [target] = packaged.Resources.SelfProtectionWatchdogRule.Properties.Targets;
    expect(target.Arn).toEqual({ Ref: 'FindingsTopic' });
    const event = variant(rule, { requestParameters: { name: 'ssh-ingress-guard-prod-self-protection' } });
    expect(matchesPattern(patterns.selfProtectionWatchdog, event)).toBe(true);
    const text = renderInput(target.InputTransformer, event, {
      'aws.events.rule-name': 'ssh-ingress-guard-prod-self-protection-watchdog',
    });
    const alert = JSON.parse(text);
    expect(alert).toMatchObject({
      product: 'ssh-ingress-guard',
      severity: 'critical',
      eventName: 'DisableRule',
      account: '123456789012',
      region: 'eu-west-1',
      actor: { arn: 'arn:aws:sts::123456789012:assumed-role/PlatformAdmin/mallory' },
      request: { name: 'ssh-ingress-guard-prod-self-protection' },
    });
    expect(alert.summary).toMatch(/^DisableRule on the guard's self-protection in 123456789012\/eu-west-1/);
  });
});
