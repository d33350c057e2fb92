/**
 * Writes infra/regional-forwarder.yml from infra/event-patterns.json, so the rules that forward other
 * regions' events carry exactly the patterns the home stack (serverless.yml) matches on. Every pattern
 * in the file is forwarded, including ones no home function uses yet: forwarding a little early costs
 * nothing, forgetting to forward costs a blind region. test/infra/patterns.test.ts fails when the
 * committed template is stale.
 *
 *   npm run gen:forwarder            # rewrite the template
 *   npm run gen:forwarder -- --check # exit 1 if the committed template is stale
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here are CloudFormation Fn::Sub variables
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, isScalar, visit } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
export const PATTERNS_FILE = join(ROOT, 'infra/event-patterns.json');
export const FORWARDER_FILE = join(ROOT, 'infra/regional-forwarder.yml');

/** Every forwarder resource name starts with this, which the self-protection pattern watches. */
export const FORWARD_PREFIX = 'ssh-ingress-guard-forward';

const HOME_BUS = {
  'Fn::Sub': 'arn:${AWS::Partition}:events:${HomeRegion}:${AWS::AccountId}:event-bus/default',
};
const REMOTE = 'IsRemoteRegion';

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const pascal = (key: string): string => key[0]?.toUpperCase() + key.slice(1);

/** Logical id of the rule that forwards the pattern stored under `key` in event-patterns.json. */
export const forwarderRuleId = (key: string): string => `Forward${pascal(key)}Rule`;

function forwardRule(key: string, pattern: unknown) {
  return {
    Type: 'AWS::Events::Rule',
    Condition: REMOTE,
    Properties: {
      Name: `${FORWARD_PREFIX}-${kebab(key)}`,
      Description: `Forwards '${key}' (infra/event-patterns.json) to the home region's default event bus`,
      State: 'ENABLED',
      EventPattern: pattern,
      Targets: [
        {
          Id: 'home-event-bus',
          Arn: HOME_BUS,
          RoleArn: { 'Fn::GetAtt': ['ForwardRole', 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['FailedForwardsQueue', 'Arn'] } },
        },
      ],
    },
  };
}

const sharedResources = {
  // Keeps the stack valid in the home region, where nothing is forwarded: a StackSet can then simply
  // target every region.
  HomeRegionPlaceholder: { Type: 'AWS::CloudFormation::WaitConditionHandle' },
  ForwardRole: {
    Type: 'AWS::IAM::Role',
    Condition: REMOTE,
    Properties: {
      Description: 'Lets this region forward ssh-ingress-guard events to the home region event bus',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'put-events-on-home-bus',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'PutOnHomeBus', Effect: 'Allow', Action: 'events:PutEvents', Resource: HOME_BUS },
            ],
          },
        },
      ],
    },
  },
  FailedForwardsQueue: {
    Type: 'AWS::SQS::Queue',
    Condition: REMOTE,
    Properties: {
      QueueName: `${FORWARD_PREFIX}-failed`,
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    },
  },
  FailedForwardsQueuePolicy: {
    Type: 'AWS::SQS::QueuePolicy',
    Condition: REMOTE,
    Properties: {
      Queues: [{ Ref: 'FailedForwardsQueue' }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ForwardRulesDeadLetter',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: { 'Fn::GetAtt': ['FailedForwardsQueue', 'Arn'] },
            Condition: {
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/${FORWARD_PREFIX}-*`,
                },
              },
            },
          },
        ],
      },
    },
  },
};

/** The forwarder template for these patterns (keyed as in event-patterns.json). */
export function buildForwarderTemplate(patterns: Record<string, unknown>) {
  const rules = Object.fromEntries(
    Object.entries(patterns).map(([key, pattern]) => [forwarderRuleId(key), forwardRule(key, pattern)]),
  );
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'ssh-ingress-guard regional forwarder: sends the events the guard watches from this region to the home region',
    Parameters: {
      HomeRegion: {
        Type: 'String',
        AllowedPattern: '^[a-z]{2}(-[a-z]+)+-\\d+$',
        Description: 'Region where the guard itself is deployed (serverless.yml)',
      },
    },
    Conditions: {
      [REMOTE]: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'HomeRegion' }, { Ref: 'AWS::Region' }] }] },
    },
    Resources: { ...sharedResources, ...rules },
    Outputs: {
      FailedForwardsQueueUrl: {
        Condition: REMOTE,
        Description: 'Events this region could not forward (inspect, then redrive or purge)',
        Value: { Ref: 'FailedForwardsQueue' },
      },
    },
  };
}

const HEADER = [
  '# GENERATED by scripts/gen-forwarder.ts from infra/event-patterns.json: do not edit by hand.',
  '# Run `npm run gen:forwarder` after changing the patterns (a test fails while this file is stale).',
  '# Deploy to every region of the account except the home one: `npm run deploy:regions` or a StackSet',
  '# (see the README, "Deploy"). In the home region the stack creates nothing but a placeholder.',
].join('\n');

export function renderForwarderTemplate(patterns: Record<string, unknown>): string {
  const doc = new Document(buildForwarderTemplate(patterns), { aliasDuplicateObjects: false });
  // Dates stay strings for every YAML reader (YAML 1.1 parsers would read 2010-09-09 as a timestamp).
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(node.value))
        node.type = 'QUOTE_SINGLE';
    },
  });
  return `${HEADER}\n${doc.toString({ lineWidth: 0 })}`;
}

export function readPatterns(): Record<string, unknown> {
  return JSON.parse(readFileSync(PATTERNS_FILE, 'utf8'));
}

function main(args: string[]): number {
  const text = renderForwarderTemplate(readPatterns());
  if (args.includes('--check')) {
    const current = readFileSync(FORWARDER_FILE, 'utf8');
    if (current === text) return 0;
    process.stderr.write('infra/regional-forwarder.yml is stale: run `npm run gen:forwarder`\n');
    return 1;
  }
  writeFileSync(FORWARDER_FILE, text);
  process.stdout.write('wrote infra/regional-forwarder.yml\n');
  return 0;
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = main(process.argv.slice(2));
}
