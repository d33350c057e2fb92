// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are CloudFormation Fn::Sub templates, not JS templates
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkTemplate,
  checkTemplateWithSpec,
  loadSpec,
  loadTemplateFile,
  type Problem,
  parseTemplate,
  type Spec,
} from '../scripts/cfn-check';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures', 'cfn');

// biome-ignore lint/suspicious/noExplicitAny: templates are free-form JSON, mutated by path below
type Json = any;

const validJson: Json = JSON.parse(readFileSync(join(fixtures, 'valid.json'), 'utf8'));
const copy = (): Json => structuredClone(validJson);

let spec: Spec;
let specLoadMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  spec = await loadSpec();
  specLoadMs = performance.now() - t0;
}, 30_000);

function check(template: unknown): Problem[] {
  return checkTemplateWithSpec(template, spec);
}

describe('valid template', () => {
  it('the JSON fixture has zero problems, checked in well under a second', () => {
    const t0 = performance.now();
    expect(check(validJson)).toEqual([]);
    const ms = performance.now() - t0;
    console.log(`spec db load ${specLoadMs.toFixed(0)} ms, check ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1000);
  });

  it('checkTemplate (async, cached spec) agrees', async () => {
    await expect(checkTemplate(validJson)).resolves.toEqual([]);
    expect(await loadSpec()).toBe(spec);
  });

  it('covers the resource kinds the brief asks for', () => {
    const types = Object.values(validJson.Resources).map((r: Json) => r.Type);
    expect(types).toEqual(
      expect.arrayContaining([
        'AWS::SNS::Topic',
        'AWS::SQS::Queue',
        'AWS::Lambda::Function',
        'AWS::Events::Rule',
        'AWS::IAM::Role',
      ]),
    );
    expect(validJson.Resources.AlertsTopic.Properties.KmsMasterKeyId).toBeDefined();
  });
});

describe('YAML loading', () => {
  it('short-form YAML fixture loads to exactly the long-form JSON fixture', () => {
    const yaml = loadTemplateFile(join(fixtures, 'valid.yaml'));
    expect(yaml).toEqual(validJson);
    expect(check(yaml)).toEqual([]);
  });

  it('converts every short-form tag to its long form', () => {
    const t = parseTemplate(
      [
        'a: !Ref X',
        'b: !GetAtt Res.Attr.Nested',
        'c: !GetAtt [Res, Attr]',
        'd: !Sub "x-${Y}"',
        'e: !Sub ["${V}", {V: !Ref AWS::Region}]',
        'f: !Join ["", [a, b]]',
        'g: !If [Cond, 1, 2]',
        'h: !Equals [a, b]',
        'i: !Select [0, !GetAZs ""]',
        'j: !Split [",", "a,b"]',
        'k: !FindInMap [M, a, b]',
        'l: !ImportValue Shared',
        'm: !Base64 {"Fn::Sub": "x"}',
        'n: !Cidr ["10.0.0.0/16", 4, 8]',
        'o: !GetAZs',
        'p: !And [!Condition A, !Or [!Condition B, !Not [!Condition C]]]',
        'q: !Sub |',
        '  line ${AWS::StackName}',
        'r: &anchor plain',
        's: *anchor',
      ].join('\n'),
      't.yaml',
    );
    expect(t).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['Res', 'Attr.Nested'] },
      c: { 'Fn::GetAtt': ['Res', 'Attr'] },
      d: { 'Fn::Sub': 'x-${Y}' },
      e: { 'Fn::Sub': ['${V}', { V: { Ref: 'AWS::Region' } }] },
      f: { 'Fn::Join': ['', ['a', 'b']] },
      g: { 'Fn::If': ['Cond', 1, 2] },
      h: { 'Fn::Equals': ['a', 'b'] },
      i: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      j: { 'Fn::Split': [',', 'a,b'] },
      k: { 'Fn::FindInMap': ['M', 'a', 'b'] },
      l: { 'Fn::ImportValue': 'Shared' },
      m: { 'Fn::Base64': { 'Fn::Sub': 'x' } },
      n: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      o: { 'Fn::GetAZs': '' },
      p: {
        'Fn::And': [
          { Condition: 'A' },
          { 'Fn::Or': [{ Condition: 'B' }, { 'Fn::Not': [{ Condition: 'C' }] }] },
        ],
      },
      q: { 'Fn::Sub': 'line ${AWS::StackName}\n' },
      r: 'plain',
      s: 'plain',
    });
  });

  it('rejects unknown tags and duplicate keys', () => {
    expect(() => parseTemplate('a: !Reff X', 'bad.yaml')).toThrow(/Unresolved tag: !Reff/);
    expect(() => parseTemplate('a: 1\na: 2', 'dup.yaml')).toThrow(/unique/i);
  });
});

interface Case {
  name: string;
  mutate: (t: Json) => void;
  expected: Problem[];
}

const R = 'Resources';

const cases: Case[] = [
  // 0. template structure
  {
    name: 'unknown top-level key',
    mutate: (t) => {
      t.Output = {};
    },
    expected: [{ path: 'Output', message: "unknown top-level key 'Output'; did you mean 'Outputs'?" }],
  },
  // 1. resource types
  {
    name: 'unknown resource type',
    mutate: (t) => {
      t.Resources.AlertsTopic.Type = 'AWS::SNS::Topik';
    },
    expected: [{ path: `${R}.AlertsTopic.Type`, message: "unknown resource type 'AWS::SNS::Topik'" }],
  },
  // 2. unknown properties
  {
    name: 'unknown resource-level property',
    mutate: (t) => {
      const p = t.Resources.AlertsTopic.Properties;
      p.KmsMasterKey = p.KmsMasterKeyId;
      delete p.KmsMasterKeyId;
    },
    expected: [
      {
        path: `${R}.AlertsTopic.Properties.KmsMasterKey`,
        message: "unknown property 'KmsMasterKey' for AWS::SNS::Topic; did you mean 'KmsMasterKeyId'?",
      },
    ],
  },
  {
    name: 'unknown property in a nested type inside a list (Rule.Targets[0].RetryPolicy)',
    mutate: (t) => {
      t.Resources.GuardRule.Properties.Targets[0].RetryPolicy.MaxRetries = 3;
    },
    expected: [
      {
        path: `${R}.GuardRule.Properties.Targets[0].RetryPolicy.MaxRetries`,
        message: "unknown property 'MaxRetries' for AWS::Events::Rule.RetryPolicy",
      },
    ],
  },
  {
    name: 'unknown property in a list element (IAM Policies[0])',
    mutate: (t) => {
      t.Resources.GuardRole.Properties.Policies[0].Document = {};
    },
    expected: [
      {
        path: `${R}.GuardRole.Properties.Policies[0].Document`,
        message: "unknown property 'Document' for AWS::IAM::Role.Policy; did you mean 'PolicyDocument'?",
      },
    ],
  },
  {
    name: 'unknown property in a map of structured types (OpenSearch LogPublishingOptions)',
    mutate: (t) => {
      t.Resources.Search = {
        Type: 'AWS::OpenSearchService::Domain',
        Properties: {
          LogPublishingOptions: {
            SEARCH_SLOW_LOGS: {
              CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['GuardLogGroup', 'Arn'] },
              Enabled: true,
            },
            INDEX_SLOW_LOGS: { Enabled: true, Retention: 7 },
          },
        },
      };
    },
    expected: [
      {
        path: `${R}.Search.Properties.LogPublishingOptions.INDEX_SLOW_LOGS.Retention`,
        message: "unknown property 'Retention' for AWS::OpenSearchService::Domain.LogPublishingOption",
      },
    ],
  },
  {
    name: 'unknown key in a Tag',
    mutate: (t) => {
      t.Resources.AlertsTopic.Properties.Tags[0].Val = 'x';
    },
    expected: [
      {
        path: `${R}.AlertsTopic.Properties.Tags[0].Val`,
        message: "unknown property 'Val' for Tag; did you mean 'Value'?",
      },
    ],
  },
  // 3. required properties
  {
    name: 'missing required top-level property',
    mutate: (t) => {
      delete t.Resources.GuardFunction.Properties.Role;
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties`,
        message: "missing required property 'Role' for AWS::Lambda::Function",
      },
    ],
  },
  {
    name: 'missing required nested property (Rule.Targets[0].Id)',
    mutate: (t) => {
      delete t.Resources.GuardRule.Properties.Targets[0].Id;
    },
    expected: [
      {
        path: `${R}.GuardRule.Properties.Targets[0]`,
        message: "missing required property 'Id' for AWS::Events::Rule.Target",
      },
    ],
  },
  {
    name: 'missing required property when Properties is absent',
    mutate: (t) => {
      delete t.Resources.GuardInvokePermission.Properties;
      delete t.Resources.GuardRule.Properties.Targets; // nothing else refers to the permission
    },
    expected: ['FunctionName', 'Action', 'Principal'].map((p) => ({
      path: `${R}.GuardInvokePermission.Properties`,
      message: `missing required property '${p}' for AWS::Lambda::Permission`,
    })),
  },
  // 4. enums and primitive types
  {
    name: 'string enum violation',
    mutate: (t) => {
      t.Resources.GuardRule.Properties.State = 'ENABLE';
    },
    expected: [
      {
        path: `${R}.GuardRule.Properties.State`,
        message:
          'string "ENABLE" is not an allowed value; expected one of: DISABLED, ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
      },
    ],
  },
  {
    name: 'nested string enum violation (TracingConfig.Mode)',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.TracingConfig.Mode = 'On';
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.TracingConfig.Mode`,
        message: 'string "On" is not an allowed value; expected one of: Active, PassThrough',
      },
    ],
  },
  {
    name: 'integer enum violation (RetentionInDays)',
    mutate: (t) => {
      t.Resources.GuardLogGroup.Properties.RetentionInDays = 31;
    },
    expected: [
      {
        path: `${R}.GuardLogGroup.Properties.RetentionInDays`,
        message:
          'number 31 is not an allowed value; expected one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653',
      },
    ],
  },
  {
    name: 'string where integer expected',
    mutate: (t) => {
      t.Resources.DeadLetterQueue.Properties.MessageRetentionPeriod = 'two weeks';
    },
    expected: [
      {
        path: `${R}.DeadLetterQueue.Properties.MessageRetentionPeriod`,
        message: 'expected integer, got string "two weeks"',
      },
    ],
  },
  {
    name: 'string where boolean expected',
    mutate: (t) => {
      t.Resources.DeadLetterQueue.Properties.SqsManagedSseEnabled = 'yes';
    },
    expected: [
      {
        path: `${R}.DeadLetterQueue.Properties.SqsManagedSseEnabled`,
        message: 'expected boolean, got string "yes"',
      },
    ],
  },
  {
    name: 'scalar where list expected',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.Architectures = 'arm64';
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.Architectures`,
        message: 'expected list of string, got string "arm64"',
      },
    ],
  },
  {
    name: 'scalar where object expected',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.Code = 's3://bucket/key.zip';
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.Code`,
        message: 'expected AWS::Lambda::Function.Code object, got string "s3://bucket/key.zip"',
      },
    ],
  },
  {
    name: 'object where string expected',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.Handler = { file: 'index', export: 'handler' };
    },
    expected: [{ path: `${R}.GuardFunction.Properties.Handler`, message: 'expected string, got object' }],
  },
  {
    name: 'list where string expected inside a map (Environment.Variables)',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.Environment.Variables.STAGE = ['dev'];
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.Environment.Variables.STAGE`,
        message: 'expected string, got list',
      },
    ],
  },
  {
    name: 'object where a union string|json is fine, but a list of tags given an object is not',
    mutate: (t) => {
      t.Resources.AlertsTopic.Properties.Tags = { Key: 'app', Value: 'x' };
    },
    expected: [{ path: `${R}.AlertsTopic.Properties.Tags`, message: 'expected list of Tag, got object' }],
  },
  {
    name: 'Fn::If branches are type-checked',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.ReservedConcurrentExecutions['Fn::If'][1] = 'ten';
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.ReservedConcurrentExecutions.Fn::If[1]`,
        message: 'expected integer, got string "ten"',
      },
    ],
  },
  // 5. Ref
  {
    name: 'Ref to an unknown logical id',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.Environment.Variables.TOPIC_ARN = { Ref: 'AlertTopic' };
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.Environment.Variables.TOPIC_ARN.Ref`,
        message:
          "Ref to unknown 'AlertTopic' (not a parameter, resource or pseudo parameter); did you mean 'AlertsTopic'?",
      },
    ],
  },
  {
    name: 'Ref to a misspelt pseudo parameter inside a json property (IAM policy)',
    mutate: (t) => {
      t.Resources.GuardRole.Properties.Policies[0].PolicyDocument.Statement[0].Condition.StringEquals[
        'aws:RequestedRegion'
      ] = { Ref: 'AWS::Regoin' };
    },
    expected: [
      {
        path: `${R}.GuardRole.Properties.Policies[0].PolicyDocument.Statement[0].Condition.StringEquals.aws:RequestedRegion.Ref`,
        message:
          "Ref to unknown 'AWS::Regoin' (not a parameter, resource or pseudo parameter); did you mean 'AWS::Region'?",
      },
    ],
  },
  {
    name: 'Conditions may only Ref parameters',
    mutate: (t) => {
      t.Conditions.IsProd['Fn::Equals'][0] = { Ref: 'AlertsTopic' };
    },
    expected: [
      {
        path: 'Conditions.IsProd.Fn::Equals[0].Ref',
        message: "Conditions can only Ref parameters, not resource 'AlertsTopic'",
      },
    ],
  },
  // 6. Fn::GetAtt
  {
    name: 'Fn::GetAtt to an unknown resource',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.Role = { 'Fn::GetAtt': ['GuardRoles', 'Arn'] };
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.Role.Fn::GetAtt`,
        message: "Fn::GetAtt target 'GuardRoles' is not a resource; did you mean 'GuardRole'?",
      },
    ],
  },
  {
    name: 'Fn::GetAtt to a parameter',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.Role = { 'Fn::GetAtt': ['Stage', 'Arn'] };
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.Role.Fn::GetAtt`,
        message: "Fn::GetAtt target 'Stage' is a parameter, not a resource",
      },
    ],
  },
  {
    name: 'Fn::GetAtt with an unknown attribute',
    mutate: (t) => {
      t.Resources.GuardRule.Properties.Targets[0].DeadLetterConfig.Arn = {
        'Fn::GetAtt': ['DeadLetterQueue', 'QueueArn'],
      };
    },
    expected: [
      {
        path: `${R}.GuardRule.Properties.Targets[0].DeadLetterConfig.Arn.Fn::GetAtt`,
        message:
          "Fn::GetAtt: 'QueueArn' is not an attribute of AWS::SQS::Queue (DeadLetterQueue); did you mean 'Arn'?; known: Arn, QueueName, QueueUrl",
      },
    ],
  },
  {
    name: 'Fn::GetAtt accepts dotted schema attributes and any attribute of a custom resource',
    mutate: (t) => {
      t.Resources.Custom = {
        Type: 'Custom::Thing',
        Properties: { ServiceToken: { 'Fn::GetAtt': ['GuardFunction', 'Arn'] }, Anything: { goes: [1] } },
      };
      t.Outputs.Apply = { Value: { 'Fn::GetAtt': ['GuardFunction', 'SnapStartResponse.ApplyOn'] } };
      t.Outputs.CustomValue = { Value: { 'Fn::GetAtt': ['Custom', 'Whatever.You.Like'] } };
      t.Outputs.CustomSub = { Value: { 'Fn::Sub': '${Custom.Other}' } };
    },
    expected: [],
  },
  {
    name: 'custom resources still need ServiceToken',
    mutate: (t) => {
      t.Resources.Custom = { Type: 'Custom::Thing', Properties: { Anything: 1 } };
    },
    expected: [
      {
        path: `${R}.Custom.Properties`,
        message: "missing required property 'ServiceToken' for Custom::Thing",
      },
    ],
  },
  // 7. Fn::Sub
  {
    name: 'Fn::Sub ${X} to an unknown logical id',
    mutate: (t) => {
      t.Resources.AlertsTopic.Properties.TopicName = { 'Fn::Sub': '${AWS::StackName}-${Stag}-alerts' };
    },
    expected: [
      {
        path: `${R}.AlertsTopic.Properties.TopicName.Fn::Sub`,
        message:
          "Fn::Sub ${Stag}: Ref to unknown 'Stag' (not a parameter, resource or pseudo parameter); did you mean 'Stage'?",
      },
    ],
  },
  {
    name: 'Fn::Sub ${X.Attr} with an unknown attribute',
    mutate: (t) => {
      t.Outputs.QueueUrl.Value = { 'Fn::Sub': '${DeadLetterQueue.Url}' };
    },
    expected: [
      {
        path: 'Outputs.QueueUrl.Value.Fn::Sub',
        message:
          "Fn::Sub ${DeadLetterQueue.Url}: Fn::GetAtt: 'Url' is not an attribute of AWS::SQS::Queue (DeadLetterQueue); did you mean 'QueueUrl'?; known: Arn, QueueName, QueueUrl",
      },
    ],
  },
  {
    name: 'Fn::Sub skips ${!Literal} and its own variables, but checks variable values',
    mutate: (t) => {
      t.Outputs.QueueUrl.Value = {
        'Fn::Sub': ['${!Literal}-${Local}-${Other}', { Local: 'x', Other: { Ref: 'Missing' } }],
      };
    },
    expected: [
      {
        path: 'Outputs.QueueUrl.Value.Fn::Sub[1].Other.Ref',
        message: "Ref to unknown 'Missing' (not a parameter, resource or pseudo parameter)",
      },
    ],
  },
  // 8. DependsOn, Conditions, Outputs
  {
    name: 'DependsOn an unknown resource',
    mutate: (t) => {
      t.Resources.GuardFunction.DependsOn = ['GuardLogGroup', 'GuardLogs'];
    },
    expected: [
      {
        path: `${R}.GuardFunction.DependsOn[1]`,
        message: "DependsOn target 'GuardLogs' is not a resource",
      },
    ],
  },
  {
    name: 'resource Condition that does not exist',
    mutate: (t) => {
      t.Resources.AlertsSubscription.Condition = 'IsProduction';
    },
    expected: [
      {
        path: `${R}.AlertsSubscription.Condition`,
        message: "unknown condition 'IsProduction'; did you mean 'IsProd'?",
      },
    ],
  },
  {
    name: 'Fn::If on an unknown condition',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.Environment.Variables.DRY_RUN['Fn::If'][0] = 'IsDev';
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.Environment.Variables.DRY_RUN.Fn::If[0]`,
        message: "unknown condition 'IsDev'",
      },
    ],
  },
  {
    name: '{Condition: X} inside Conditions that does not exist',
    mutate: (t) => {
      t.Conditions.NotProd['Fn::Not'][0].Condition = 'IsPrd';
    },
    expected: [
      {
        path: 'Conditions.NotProd.Fn::Not[0].Condition',
        message: "unknown condition 'IsPrd'; did you mean 'IsProd'?",
      },
    ],
  },
  {
    name: 'Output Ref to an unknown logical id',
    mutate: (t) => {
      t.Outputs.TopicArn.Value = { Ref: 'Topic' };
    },
    expected: [
      {
        path: 'Outputs.TopicArn.Value.Ref',
        message:
          "Ref to unknown 'Topic' (not a parameter, resource or pseudo parameter); did you mean 'AlertsTopic'?",
      },
    ],
  },
  {
    name: 'Output GetAtt with an unknown attribute',
    mutate: (t) => {
      t.Outputs.FunctionArn.Value = { 'Fn::GetAtt': ['GuardFunction', 'FunctionArn'] };
    },
    expected: [
      {
        path: 'Outputs.FunctionArn.Value.Fn::GetAtt',
        message:
          "Fn::GetAtt: 'FunctionArn' is not an attribute of AWS::Lambda::Function (GuardFunction); did you mean 'Arn'?; known: SnapStartResponse.OptimizationStatus, SnapStartResponse.ApplyOn, SnapStartResponse, Arn",
      },
    ],
  },
  {
    name: 'Output Condition that does not exist',
    mutate: (t) => {
      t.Outputs.ProdOnly.Condition = 'Prod';
    },
    expected: [
      { path: 'Outputs.ProdOnly.Condition', message: "unknown condition 'Prod'; did you mean 'IsProd'?" },
    ],
  },
  {
    name: 'Fn::FindInMap to an unknown mapping key',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.MemorySize['Fn::FindInMap'][2] = 'Memory';
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.MemorySize.Fn::FindInMap[2]`,
        message: "no entry of mapping 'StageConfig' has key 'Memory'; did you mean 'MemorySize'?",
      },
    ],
  },
  {
    name: 'Fn::FindInMap with literal keys',
    mutate: (t) => {
      t.Resources.GuardFunction.Properties.MemorySize['Fn::FindInMap'][1] = 'staging';
    },
    expected: [
      {
        path: `${R}.GuardFunction.Properties.MemorySize.Fn::FindInMap[1]`,
        message: "mapping 'StageConfig' has no key 'staging'",
      },
    ],
  },
  {
    name: 'intrinsic values are not type-checked',
    mutate: (t) => {
      t.Resources.DeadLetterQueue.Properties.MessageRetentionPeriod = { Ref: 'Stage' };
      t.Resources.GuardFunction.Properties.Architectures = { 'Fn::Split': [',', 'arm64'] };
      t.Resources.GuardRule.Properties.Targets = [
        { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, { Ref: 'AWS::NoValue' }] },
      ];
    },
    expected: [],
  },
];

describe('planted errors: each broken copy yields exactly the expected problem', () => {
  it.each(cases)('$name', ({ mutate, expected }) => {
    const t = copy();
    mutate(t);
    expect(check(t)).toEqual(expected);
  });
});

describe('CLI', () => {
  it('prints ok / problems and exits 1 when any file has problems', async () => {
    const run = promisify(execFile);
    const args = [
      '--import',
      'tsx',
      'scripts/cfn-check.ts',
      'test/fixtures/cfn/valid.yaml',
      'test/fixtures/cfn/broken.yaml',
    ];
    const err = await run(process.execPath, args, { cwd: root }).then(
      () => undefined,
      (e: { code: number; stdout: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stdout.split('\n').filter(Boolean)).toEqual([
      'ok test/fixtures/cfn/valid.yaml (8 resources)',
      "test/fixtures/cfn/broken.yaml: Resources.Topic.Type: unknown resource type 'AWS::SNS::Topik'",
      "test/fixtures/cfn/broken.yaml: Outputs.QueueName.Value.Ref: Ref to unknown 'Queu' (not a parameter, resource or pseudo parameter); did you mean 'Queue'?",
    ]);
    const ok = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/cfn-check.ts', 'test/fixtures/cfn/valid.json'],
      {
        cwd: root,
      },
    );
    expect(ok.stdout).toBe('ok test/fixtures/cfn/valid.json (8 resources)\n');
  }, 30_000);
});
