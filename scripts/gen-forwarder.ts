/**
 * Writes the functions' patterns in infra/event-patterns.json from the trigger registry
 * (functions/triggers/registry.ts), keeping the file's other patterns (self-protection) as they are,
 * then infra/regional-forwarder.yml from that file, so the rules that forward other regions' events
 * carry exactly the patterns the home stack (serverless.yml) matches on. Every pattern in the file is
 * forwarded, including ones no home function uses yet: forwarding a little early costs nothing,
 * forgetting to forward costs a blind region. test/infra/patterns.test.ts and
 * test/infra/event-patterns.test.ts fail when either committed file is stale.
 *
 *   npm run gen:forwarder            # rewrite the patterns and the template
 *   npm run gen:forwarder -- --check # exit 1 if either committed file is stale
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here are CloudFormation Fn::Sub variables
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Document, isScalar, visit } from 'yaml';
import { buildEventPatterns } from '../functions/triggers/event-patterns.js';
import { TRIGGERS, type TriggerRegistry } from '../functions/triggers/registry.js';

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

/**
 * The patterns file as the registry makes it: each function pattern rebuilt from its triggers, in
 * the file's order; patterns no trigger owns (self-protection, which goes straight to the topic)
 * kept unchanged; new keys last.
 */
export function patternsFromRegistry(
  current: Record<string, unknown>,
  registry: TriggerRegistry = TRIGGERS,
): Record<string, unknown> {
  const built = buildEventPatterns(registry);
  const kept = Object.entries(current).map(([key, pattern]) => [key, built[key] ?? pattern]);
  const added = Object.entries(built).filter(([key]) => !Object.hasOwn(current, key));
  return Object.fromEntries([...kept, ...added]);
}

/** JSON laid out as the repo's formatter keeps it: a value on one line when it fits in 110 columns. */
function renderJson(value: unknown, indent = ''): string {
  const flat = renderFlat(value);
  if (indent.length + flat.length <= 100 || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value))
    return `[\n${value.map((v) => inner + renderJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(
    ([k, v]) => `${inner}${JSON.stringify(k)}: ${renderJson(v, inner)}`,
  );
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

function renderFlat(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderFlat).join(', ')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${renderFlat(v)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

/** Formatted by the repo's own formatter, so `biome check` accepts what this script writes. */
function formatJson(text: string): string {
  const biome = join(ROOT, 'node_modules/.bin/biome');
  return execFileSync(biome, ['format', `--stdin-file-path=${PATTERNS_FILE}`], {
    input: text,
    encoding: 'utf8',
  });
}

function main(args: string[]): number {
  const current = readPatterns();
  const patterns = patternsFromRegistry(current);
  const text = renderForwarderTemplate(patterns);
  const patternsStale = !isDeepStrictEqual(current, patterns);
  if (args.includes('--check')) {
    const forwarderStale = readFileSync(FORWARDER_FILE, 'utf8') !== text;
    if (!patternsStale && !forwarderStale) return 0;
    process.stderr.write(
      'infra/event-patterns.json or infra/regional-forwarder.yml is stale: run `npm run gen:forwarder`\n',
    );
    return 1;
  }
  // Rewritten only when a pattern changed: the file's layout is left as people wrote it otherwise.
  if (patternsStale) {
    writeFileSync(PATTERNS_FILE, formatJson(`${renderJson(patterns)}\n`));
    process.stdout.write('wrote infra/event-patterns.json\n');
  }
  writeFileSync(FORWARDER_FILE, text);
  process.stdout.write('wrote infra/regional-forwarder.yml\n');
  return 0;
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = main(process.argv.slice(2));
}
