// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here are CloudFormation Fn::Sub variables
// The organisation's findings hub (infra/hub.yml) admits only the organisation, and the member
// parameters of the home stack (serverless.yml) change nothing until an output is switched on.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENTBRIDGE_ACTIONS } from '../../functions/adapters/eventbridge-adapter.js';
import { SECURITY_HUB_ACTIONS } from '../../functions/adapters/securityhub-adapter.js';
import { SNS_ACTIONS, SNS_KEY_ACTIONS } from '../../functions/adapters/sns-adapter.js';
import { checkTemplateWithSpec, loadSpec, loadTemplateFile } from '../../scripts/cfn-check';
import { statementsOf } from '../support/iam';
import { loadPackagedStack, ROOT, STAGE, type Template } from '../support/packaged-stack';
import { resolveConditions } from '../support/resolve-conditions';

const hub = loadTemplateFile(join(ROOT, 'infra/hub.yml')) as Template;
const ORG = { Ref: 'OrganizationId' };

/** Resource policies of the hub: the key's, the topic's and the bus's, as [where, statement]. */
function hubPolicyStatements(template: Template): [string, Template][] {
  const r = template.Resources;
  return [
    ...r.HubKey.Properties.KeyPolicy.Statement.map((s: Template) => ['key', s]),
    ...r.HubTopicPolicy.Properties.PolicyDocument.Statement.map((s: Template) => ['topic', s]),
    ['bus', r.HubBusPolicy.Properties.Statement],
  ];
}

/** Who a statement admits beyond the hub account, or undefined when it admits only the organisation. */
function admitsBeyondOrganisation([, s]: [string, Template]): string | undefined {
  const principal = s.Principal;
  if (
    principal?.AWS &&
    JSON.stringify(principal.AWS) ===
      JSON.stringify({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' })
  )
    return undefined;
  if (principal?.Service)
    return JSON.stringify(s.Condition?.StringEquals?.['aws:SourceAccount']) ===
      JSON.stringify({ Ref: 'AWS::AccountId' })
      ? undefined
      : `service ${principal.Service} from any account`;
  if (JSON.stringify(s.Condition?.StringEquals?.['aws:PrincipalOrgID']) === JSON.stringify(ORG))
    return undefined;
  return `${JSON.stringify(principal)} without aws:PrincipalOrgID`;
}

describe('the findings hub (infra/hub.yml)', () => {
  it('lets every account of the organisation publish to the topic, the bus and the key, and nobody else', () => {
    const statements = hubPolicyStatements(hub);
    const org = statements.filter(([, s]) => s.Principal?.AWS === '*');
    expect(org.map(([where, s]) => [where, s.Action])).toEqual([
      ['key', ['kms:GenerateDataKey', 'kms:Decrypt']],
      ['topic', 'sns:Publish'],
      ['bus', 'events:PutEvents'],
    ]);
    expect(statements.map(admitsBeyondOrganisation).filter(Boolean)).toEqual([]);
  });

  it.each([
    ['the topic', (t: Template) => t.Resources.HubTopicPolicy.Properties.PolicyDocument.Statement[1]],
    ['the bus', (t: Template) => t.Resources.HubBusPolicy.Properties.Statement],
    ['the key', (t: Template) => t.Resources.HubKey.Properties.KeyPolicy.Statement[1]],
  ])('the check fails when %s drops the organisation condition', (_name, statementOf) => {
    const open = structuredClone(hub);
    delete statementOf(open).Condition.StringEquals['aws:PrincipalOrgID'];
    expect(hubPolicyStatements(open).map(admitsBeyondOrganisation).filter(Boolean)).toHaveLength(1);
  });

  it('the key serves the organisation only through SNS in the hub region', () => {
    const [, s] = hubPolicyStatements(hub).find(([w, s]) => w === 'key' && s.Principal?.AWS === '*') ?? [];
    expect(s?.Condition.StringEquals['kms:ViaService']).toEqual({
      'Fn::Sub': 'sns.${AWS::Region}.amazonaws.com',
    });
  });

  it('encrypts the topic with its key, has one email subscription, optional Slack and delivery alarms', () => {
    const r = hub.Resources;
    expect(r.HubTopic.Properties.KmsMasterKeyId).toEqual({ Ref: 'HubKey' });
    const of = (type: string) => Object.values<Template>(r).filter((x) => x.Type === type);
    expect(of('AWS::SNS::Subscription').map((s) => s.Properties.Protocol)).toEqual(['email']);
    expect(of('AWS::SNS::Subscription')[0]?.Properties.FilterPolicy).toEqual({
      severity: [{ 'anything-but': ['info'] }],
    });
    expect(of('AWS::Chatbot::SlackChannelConfiguration').map((s) => s.Condition)).toEqual(['HasSlack']);
    expect(
      of('AWS::CloudWatch::Alarm')
        .map((a) => a.Properties.MetricName)
        .sort(),
    ).toEqual(['FailedInvocations', 'NumberOfNotificationsFailed']);
    expect(Object.keys(hub.Outputs).sort()).toEqual(['HubBusArn', 'HubTopicArn']);
  });
});

// ---- member parameters of the home stack ----

const HUB_CONDITIONS = [
  'PublishesToHubTopic',
  'PublishesToHubBus',
  'PublishesToEventBus',
  'ImportsToSecurityHub',
  'PublishesBeyondAccount',
];
const HUB_PARAMETERS = ['CentralTopicArn', 'CentralBusArn', 'FindingsEventBus', 'SecurityHubImport'];
const ALL_ON = {
  CentralTopicArn: 'arn:aws:sns:us-east-1:999999999999:ssh-ingress-guard-hub-findings',
  CentralBusArn: 'arn:aws:events:us-east-1:999999999999:event-bus/ssh-ingress-guard-hub',
  FindingsEventBus: 'default',
  SecurityHubImport: 'true',
};

/** osls stamps the upload time into S3 keys and a hash of the function into version ids. */
const normalise = (t: Template): Template =>
  JSON.parse(
    JSON.stringify(t)
      .replace(/"S3Key":"[^"]*"/g, '"S3Key":"KEY"')
      .replace(/LambdaVersion[A-Za-z0-9]+/g, 'LambdaVersion'),
  );

/** serverless.yml without its `hub-outputs` blocks: the home stack as it was before them. */
async function packageWithoutHubBlocks(): Promise<Template> {
  const text = await readFile(join(ROOT, 'serverless.yml'), 'utf8');
  const stripped = text.replace(/^[ \t]*# hub-outputs >>>[\s\S]*?# hub-outputs <<<\n/gm, '');
  expect(stripped).not.toMatch(/hub-outputs|CentralTopicArn|CENTRAL_/);
  const config = join(ROOT, `.serverless-baseline-${process.pid}.yml`);
  const out = await mkdtemp(join(tmpdir(), 'sig-baseline-'));
  await writeFile(config, stripped);
  try {
    const osls = join(ROOT, 'node_modules/osls/bin/serverless.js');
    await promisify(execFile)(
      process.execPath,
      [osls, 'package', '--config', config.slice(ROOT.length + 1), '--package', out, '--stage', STAGE],
      { cwd: ROOT, env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' } },
    );
    return JSON.parse(await readFile(join(out, 'cloudformation-template-update-stack.json'), 'utf8'));
  } finally {
    await rm(config, { force: true });
    await rm(out, { recursive: true, force: true });
  }
}

let packaged: Template;
let baseline: Template;
beforeAll(async () => {
  packaged = (await loadPackagedStack()).template;
  baseline = await packageWithoutHubBlocks();
}, 120_000);

const withoutHubParameters = (t: Template): Template => {
  const copy = structuredClone(t);
  for (const name of HUB_PARAMETERS) delete copy.Parameters[name];
  if (Object.keys(copy.Parameters).length === 0) delete copy.Parameters;
  return copy;
};

describe('member parameters of the home stack', () => {
  it('without them, the stack CloudFormation creates is exactly the stack without the hub blocks', () => {
    const member = withoutHubParameters(resolveConditions(packaged, HUB_CONDITIONS));
    expect(normalise(member)).toEqual(normalise(baseline));
  });

  it('with every output on, the stack is valid and each function gets the four variables', async () => {
    const on = resolveConditions(packaged, HUB_CONDITIONS, ALL_ON);
    expect(checkTemplateWithSpec(on, await loadSpec())).toEqual([]);
    const functions = Object.values<Template>(on.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(1);
    for (const fn of functions)
      expect(fn.Properties.Environment.Variables).toMatchObject({
        CENTRAL_TOPIC_ARN: { Ref: 'CentralTopicArn' },
        CENTRAL_BUS_ARN: { Ref: 'CentralBusArn' },
        FINDINGS_EVENT_BUS: { Ref: 'FindingsEventBus' },
        SECURITY_HUB_IMPORT: 'true',
      });
  });

  it("grants exactly the output adapters' actions, on the hub's resources and this account's own", () => {
    const on = resolveConditions(packaged, HUB_CONDITIONS, ALL_ON);
    const policy = on.Resources.HubOutputsPolicy;
    expect(policy.Properties.Roles).toEqual([
      { Ref: 'GuardRole' },
      { Ref: 'EmrGuardRole' },
      { Ref: 'SweepRole' },
    ]);
    const statements = statementsOf({ Resources: { HubOutputsPolicy: policy } });
    const actions = [...new Set(statements.flatMap((s) => s.actions))].sort();
    expect(actions).toEqual(
      [...SNS_ACTIONS, ...SNS_KEY_ACTIONS, ...EVENTBRIDGE_ACTIONS, ...SECURITY_HUB_ACTIONS].sort(),
    );
    expect(Object.fromEntries(statements.map((s) => [s.sid, s.resources]))).toMatchObject({
      PublishToHubTopic: [{ Ref: 'CentralTopicArn' }],
      PutEventsOnHubBus: [{ Ref: 'CentralBusArn' }],
      PutEventsOnOwnBus: [
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${FindingsEventBus}',
        },
      ],
      ImportToSecurityHub: [
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default',
        },
      ],
    });
  });

  it.each([
    ['CentralTopicArn', ['PublishToHubTopic', 'UseHubKeyThroughSns']],
    ['CentralBusArn', ['PutEventsOnHubBus']],
    ['FindingsEventBus', ['PutEventsOnOwnBus']],
    ['SecurityHubImport', ['ImportToSecurityHub']],
  ] as const)('%s alone grants only its own statements', (name, sids) => {
    const one = resolveConditions(packaged, HUB_CONDITIONS, { [name]: ALL_ON[name] });
    const statements = statementsOf({ Resources: { p: one.Resources.HubOutputsPolicy } });
    expect(statements.map((s) => s.sid)).toEqual(sids);
  });
});
