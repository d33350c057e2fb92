// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here are CloudFormation Fn::Sub variables
// Least privilege, held by tests: each function has its own role whose actions are exactly what its
// adapters declare (functions/adapters/*.ts `*_ACTIONS`) plus what the Lambda runtime needs; no
// template grants a wildcard action; every grant names the resource it is for.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_REMEDIATION_WRITES, grantedWrites } from '../../functions/core/remediation/mode-writes';
import { codeFilesOf, toOrgTemplate } from '../../scripts/build-org-template';
import { loadTemplateFile } from '../../scripts/cfn-check';
import { applyConditions } from '../support/conditions';
import {
  loadAdapterActions,
  roleStatements,
  type Statement,
  sortedUnique,
  statementsOf,
} from '../support/iam';
import { loadPackagedWith } from '../support/packaged-modes';
import {
  loadPackagedStack,
  ROOT,
  resourcesOf,
  SERVICE,
  STAGE,
  type Template,
} from '../support/packaged-stack';

const serverless = loadTemplateFile(join(ROOT, 'serverless.yml')) as Template;
const functionNames = Object.keys(serverless.functions);
const adaptersOf: Record<string, string[]> = serverless.custom.adapters;

/** What Lambda itself needs, not our code: its own log group, its on-failure destination. */
const RUNTIME_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:SendMessage'];

/**
 * Actions IAM only grants on '*': no resource type in the IAM service reference. Describe and List
 * calls are read-only and resource-less by nature; anything else must be named here with its reason.
 */
const RESOURCELESS = /^[a-z0-9-]+:(Describe|List)[A-Za-z]+$/;
const ACCOUNT_LEVEL_ACTIONS = new Set<string>([
  // EMR block public access is one account-wide setting (no resource type).
  'elasticmapreduce:GetBlockPublicAccessConfiguration',
  'elasticmapreduce:PutBlockPublicAccessConfiguration',
]);

/** Key policies must let the account administer the key through IAM (the AWS default key policy). */
const KEY_ADMIN = (s: Statement) =>
  s.path.endsWith('KeyPolicy.Statement[0]') && s.actions.join() === 'kms:*' && s.sid === 'AccountAdministers';

let packaged: Template;
let adapters: Map<string, string[]>;
const templates = new Map<string, Template>();

beforeAll(async () => {
  packaged = (await loadPackagedStack()).template;
  adapters = await loadAdapterActions();
  const codeKeys = Object.fromEntries(codeFilesOf(packaged).map((f) => [f, f]));
  templates.set('packaged serverless.yml', packaged);
  templates.set('StackSet build of serverless.yml', toOrgTemplate(packaged, codeKeys));
  for (const file of ['regional-forwarder', 'cloudtrail', 'org-artifacts', 'org-stacksets'])
    templates.set(`infra/${file}.yml`, loadTemplateFile(join(ROOT, `infra/${file}.yml`)) as Template);
}, 60_000);

function functionResource(name: string): Template {
  const [, fn] =
    resourcesOf(packaged, 'AWS::Lambda::Function').find(
      ([, r]) => r.Properties.FunctionName === `${SERVICE}-${STAGE}-${name}`,
    ) ?? [];
  if (!fn) throw new Error(`no packaged function for ${name}`);
  return fn;
}

const roleIdOf = (name: string): string => functionResource(name).Properties.Role['Fn::GetAtt'][0];

/** The function role's granted actions next to what its adapters and the runtime need. */
function roleActions(template: Template, name: string) {
  const declared = (adaptersOf[name] ?? []).flatMap((a) => adapters.get(a) ?? []);
  return {
    granted: sortedUnique(roleStatements(template, roleIdOf(name)).flatMap((s) => s.actions)),
    needed: sortedUnique([...declared, ...RUNTIME_ACTIONS]),
  };
}

/** Allow statements that grant a wildcard or NotAction (the key administration statement aside). */
function wildcardGrants(template: Template): string[] {
  return statementsOf(template)
    .filter((s) => s.effect === 'Allow' && !KEY_ADMIN(s))
    .filter((s) => s.notAction || s.actions.some((a) => a.includes('*')))
    .map((s) => `${s.path}: ${s.actions.join(', ')}`);
}

const CANARY_GROUP_ARN =
  'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/${CanaryGroup.GroupId}';
const GUARD_ALARMS = `arn:\${AWS::Partition}:cloudwatch:\${AWS::Region}:\${AWS::AccountId}:alarm:${SERVICE}-${STAGE}-*`;
/** Functions whose adapters include the SNS publisher: the roles the topic lets publish. */
const publishingFunctions = functionNames.filter((name) => adaptersOf[name]?.includes('sns-adapter'));
const topicPolicy = (template: Template) =>
  resourcesOf(template, 'AWS::SNS::TopicPolicy')[0]?.[1].Properties.PolicyDocument.Statement;

describe('each function has its own least-privilege role', () => {
  it('every function in serverless.yml says which adapters it calls, and every adapter exists', () => {
    expect(Object.keys(adaptersOf).sort()).toEqual([...functionNames].sort());
    for (const names of Object.values(adaptersOf))
      for (const a of names) expect([...adapters.keys()]).toContain(a);
  });

  it('no two functions share a role, and no role is the osls default', () => {
    const roles = functionNames.map(roleIdOf);
    expect(new Set(roles).size).toBe(roles.length);
    expect(roles).not.toContain('IamRoleLambdaExecution');
  });

  it.each(functionNames)("%s's role holds exactly its adapters' actions plus the runtime's", (name) => {
    const roleId = roleIdOf(name);
    const role = packaged.Resources[roleId];
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const { granted, needed } = roleActions(packaged, name);
    expect(granted).toEqual(needed);
  });

  it.each(functionNames)("%s's role is assumable by Lambda only", (name) => {
    const trust = packaged.Resources[roleIdOf(name)].Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });
});

/** Why this action may not be granted on these resources, or undefined if it may. */
function resourceProblem(action: string, resources: unknown[], fn: string): string | undefined {
  const sub = (arn: string) => [{ 'Fn::Sub': arn }];
  const is = (expected: unknown[]) => JSON.stringify(resources) === JSON.stringify(expected);
  if (resources.includes('*'))
    return RESOURCELESS.test(action) || ACCOUNT_LEVEL_ACTIONS.has(action) ? undefined : 'granted on *';
  if (action === 'sns:Publish') return is([{ Ref: 'FindingsTopic' }]) ? undefined : 'not the findings topic';
  if (action.startsWith('kms:'))
    return is([{ 'Fn::GetAtt': ['FindingsKey', 'Arn'] }]) ? undefined : 'not the findings key';
  if (action === 'sqs:SendMessage') {
    const queues = resources.map((r) => (r as Template)['Fn::GetAtt']?.[0]);
    return queues.every((q) => packaged.Resources[q]?.Type === 'AWS::SQS::Queue')
      ? undefined
      : 'not our queue';
  }
  if (action.startsWith('logs:')) {
    const group = `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/${SERVICE}-${STAGE}-${fn}:*`;
    return is(sub(group)) ? undefined : "not the function's own log group";
  }
  if (fn === 'canary' && /^ec2:(Authorize|Revoke)SecurityGroupIngress$/.test(action)) {
    // The canary writes to its own group alone (and Authorize names the rule it creates).
    const group = sub(CANARY_GROUP_ARN);
    const rule = sub('arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group-rule/*');
    return is(group) || (action === 'ec2:AuthorizeSecurityGroupIngress' && is(rule))
      ? undefined
      : 'not the canary group';
  }
  if (/^ec2:(Authorize|Revoke)SecurityGroup(Ingress|Egress)$/.test(action)) {
    // Authorize creates rules, so IAM also checks the new security-group-rule resource.
    const groups = sub('arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:security-group/*');
    const rules = sub('arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:security-group-rule/*');
    const allowed = action.startsWith('ec2:Authorize') ? [groups, [...groups, ...rules]] : [groups];
    return allowed.some(is) ? undefined : "not this account's security groups";
  }
  return undefined;
}

function resourceProblems(template: Template, name: string): string[] {
  return roleStatements(template, roleIdOf(name)).flatMap((s) =>
    s.actions.flatMap((a) => {
      const problem = resourceProblem(a, s.resources, name);
      return problem ? [`${s.sid ?? s.path} ${a}: ${problem} (${JSON.stringify(s.resources)})`] : [];
    }),
  );
}

describe('every grant names its resource', () => {
  it.each(functionNames)(
    "%s's role: '*' only for resource-less reads; writes on their own resources",
    (name) => {
      expect(resourceProblems(packaged, name)).toEqual([]);
    },
  );

  it('revoking (and authorizing, in narrow and replace modes) is scoped to security-group ARNs', () => {
    const writes = functionNames
      .filter((name) => name !== 'canary')
      .flatMap((name) =>
        roleStatements(packaged, roleIdOf(name)).filter((s) =>
          s.actions.some((a) => /SecurityGroup(Ingress|Egress)$/.test(a)),
        ),
      );
    expect(writes.length).toBeGreaterThan(0);
    for (const s of writes)
      expect(s.resources).toEqual([
        { 'Fn::Sub': 'arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:security-group/*' },
        ...(s.actions.every((a) => a.startsWith('ec2:Authorize'))
          ? [{ 'Fn::Sub': 'arn:${AWS::Partition}:ec2:*:${AWS::AccountId}:security-group-rule/*' }]
          : []),
      ]);
  });

  it('sns:Publish is granted on the findings topic and nothing else, in every role', () => {
    const publish = functionNames
      .flatMap((n) => roleStatements(packaged, roleIdOf(n)))
      .filter((s) => s.actions.includes('sns:Publish'));
    expect(publish.length).toBeGreaterThan(0);
    for (const s of publish) expect(s.resources).toEqual([{ Ref: 'FindingsTopic' }]);
  });

  it('services may publish to the topic only for the watchdog rule and the guard’s own alarms', () => {
    const policy = topicPolicy(packaged);
    const byService = Object.fromEntries(
      policy
        .filter((s: Template) => s.Effect === 'Allow' && s.Principal.Service)
        .map((s: Template) => [s.Principal.Service, s.Condition]),
    );
    expect(byService).toEqual({
      'events.amazonaws.com': {
        ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': ['SelfProtectionWatchdogRule', 'Arn'] } },
      },
      'cloudwatch.amazonaws.com': {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::Sub': GUARD_ALARMS } },
      },
    });
  });

  it('no principal of the account may publish through the account statement', () => {
    const account = topicPolicy(packaged).find((s: Template) => s.Sid === 'AccountOwnsTopic');
    expect(account.Action).not.toContain('sns:Publish');
  });

  it('everyone but the guard’s publishing roles, its watchdog rule and its alarms is denied publishing', () => {
    const deny = topicPolicy(packaged).filter((s: Template) => s.Effect === 'Deny');
    expect(deny).toEqual([
      {
        Sid: 'OnlyTheGuardPublishes',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: { Ref: 'FindingsTopic' },
        Condition: {
          ArnNotLike: {
            'aws:PrincipalArn': publishingFunctions.map((name) => ({
              'Fn::GetAtt': [roleIdOf(name), 'Arn'],
            })),
            'aws:SourceArn': [
              { 'Fn::GetAtt': ['SelfProtectionWatchdogRule', 'Arn'] },
              { 'Fn::Sub': GUARD_ALARMS },
            ],
          },
        },
      },
    ]);
  });

  it.each([
    ['events.amazonaws.com', 'GuardRulesEncryptForTopic', 'events', ':rule/'],
    ['cloudwatch.amazonaws.com', 'GuardAlarmsEncryptForTopic', 'cloudwatch', ':alarm:'],
  ])(
    '%s may use the findings key only for this account’s guard resources (confused deputy)',
    (service, sid, arnService, kind) => {
      const key = resourcesOf(packaged, 'AWS::KMS::Key')[0]?.[1].Properties.KeyPolicy.Statement;
      const statement = key.find((s: Template) => s.Principal.Service === service);
      expect(statement.Sid).toBe(sid);
      expect(statement.Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: {
          'aws:SourceArn': {
            'Fn::Sub': `arn:\${AWS::Partition}:${arnService}:\${AWS::Region}:\${AWS::AccountId}${kind}${SERVICE}-${STAGE}-*`,
          },
        },
      });
      expect(key.filter((s: Template) => s.Principal.Service)).toHaveLength(2);
    },
  );

  it('each forwarder region may put events on the home region default bus only', () => {
    const forwarder = templates.get('infra/regional-forwarder.yml') as Template;
    expect(roleStatements(forwarder, 'ForwardRole')).toEqual([
      expect.objectContaining({
        actions: ['events:PutEvents'],
        resources: [
          { 'Fn::Sub': 'arn:${AWS::Partition}:events:${HomeRegion}:${AWS::AccountId}:event-bus/default' },
        ],
      }),
    ]);
  });
});

describe('no template grants a wildcard action', () => {
  const names = () => [...templates.keys()];

  it('finds the policy documents it checks', () => {
    const counts = names().map((n) => statementsOf(templates.get(n) as Template).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
  });

  it.each([
    'packaged serverless.yml',
    'StackSet build of serverless.yml',
    'infra/regional-forwarder.yml',
    'infra/cloudtrail.yml',
    'infra/org-artifacts.yml',
    'infra/org-stacksets.yml',
  ])('%s: every Allow names its actions (Deny may be broad)', (name) => {
    expect(wildcardGrants(templates.get(name) as Template)).toEqual([]);
  });

  it.each([
    'packaged serverless.yml',
    'infra/regional-forwarder.yml',
    'infra/cloudtrail.yml',
    'infra/org-artifacts.yml',
  ])('%s: an Allow to any principal is always conditioned', (name) => {
    const open = statementsOf(templates.get(name) as Template).filter(
      (s) => s.effect === 'Allow' && s.principal === '*' && s.condition === undefined,
    );
    expect(open).toEqual([]);
  });

  it('the one wildcard left is the key policy that lets the account administer the key through IAM', () => {
    const exempt = statementsOf(packaged).filter(KEY_ADMIN);
    expect(exempt).toHaveLength(1);
    expect(exempt[0]?.principal).toEqual({
      AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' },
    });
  });
});

/** A copy of the packaged stack with one statement of the guard role rewritten. */
function withGuardStatement(sid: string, change: (statement: Template) => void): Template {
  const copy = structuredClone(packaged);
  const statements = copy.Resources[roleIdOf('guard')].Properties.Policies[0].PolicyDocument.Statement;
  // Mode-dependent statements sit behind Fn::If; their granted branch is what a deployment gets.
  const granted = statements.map((s: Template) => (s['Fn::If'] ? s['Fn::If'][1] : s));
  change(granted.find((s: Template) => s.Sid === sid));
  return copy;
}

describe('the rules catch a broken role (broken copies of the packaged stack)', () => {
  it.each([
    [
      'an action no adapter declares',
      'RevokeIngress',
      (s: Template) => s.Action.push('ec2:DeleteSecurityGroup'),
    ],
    ['a declared action dropped', 'ReadSecurityGroups', (s: Template) => s.Action.pop()],
  ])('%s breaks action identity', (_name, sid, change) => {
    const { granted, needed } = roleActions(withGuardStatement(sid, change), 'guard');
    expect(granted).not.toEqual(needed);
  });

  it.each([
    ['ec2:*', 'ReadSecurityGroups', (s: Template) => s.Action.push('ec2:*')],
    ['a prefix wildcard', 'RevokeIngress', (s: Template) => s.Action.push('ec2:Revoke*')],
    [
      'NotAction',
      'PublishFindings',
      (s: Template) => Object.assign(s, { NotAction: s.Action, Action: undefined }),
    ],
  ])('%s is a wildcard grant', (_name, sid, change) => {
    expect(wildcardGrants(withGuardStatement(sid, change))).toHaveLength(1);
  });

  it.each([
    ['sns:Publish on *', 'PublishFindings'],
    ['RevokeSecurityGroupIngress on *', 'RevokeIngress'],
    ['GetManagedPrefixListEntries on *', 'ReadPrefixListEntries'],
    ['kms on *', 'UseFindingsKey'],
  ])('%s is an unscoped grant', (_name, sid) => {
    const broken = withGuardStatement(sid, (s) => Object.assign(s, { Resource: '*' }));
    expect(resourceProblems(broken, 'guard').length).toBeGreaterThan(0);
  });

  it('sns:Publish on another topic is caught', () => {
    const broken = withGuardStatement('PublishFindings', (s) =>
      Object.assign(s, { Resource: 'arn:aws:sns:*:*:*' }),
    );
    expect(resourceProblems(broken, 'guard')).toEqual([expect.stringContaining('not the findings topic')]);
  });
});

/** A deployment per remediation mode; report and narrow with every opt-in on, to show what they grant. */
const CONFIGURATIONS = [
  { mode: 'report', params: { mode: 'report', emrFixBlockPublicAccess: 'true', canary: 'true' } },
  { mode: 'revoke', params: { mode: 'revoke' } },
  { mode: 'narrow', params: { mode: 'narrow', emrFixBlockPublicAccess: 'true', canary: 'true' } },
  { mode: 'replace-with-eic', params: { mode: 'replace-with-eic' } },
] as const;

/** Actions that change something in the account other than the guard's own logs, queue and topic. */
const WRITES = /^(ec2|elasticmapreduce):(?!Describe|Get|List)/;

const deployed = new Map<string, Template>();

describe('each mode is granted exactly the writes it makes', () => {
  beforeAll(async () => {
    // Revoke is the default: the stack every infra test reads. The others are packaged once, cached.
    const templates = await Promise.all(
      CONFIGURATIONS.map(async (c) =>
        c.mode === 'revoke' ? (await loadPackagedStack()).template : loadPackagedWith(c.params),
      ),
    );
    for (const [i, c] of CONFIGURATIONS.entries())
      deployed.set(c.mode, applyConditions(templates[i] as Template));
  }, 300_000);

  const functionsIn = (t: Template) =>
    resourcesOf(t, 'AWS::Lambda::Function').map(
      ([, r]) => String(r.Properties.FunctionName).split('-').pop() as string,
    );
  const roleOf = (t: Template, name: string) =>
    resourcesOf(t, 'AWS::Lambda::Function').find(
      ([, r]) => r.Properties.FunctionName === `${SERVICE}-${STAGE}-${name}`,
    )?.[1].Properties.Role['Fn::GetAtt'][0];
  const grantedIn = (t: Template, name: string) =>
    sortedUnique(roleStatements(t, roleOf(t, name)).flatMap((s) => s.actions));
  const writesIn = (t: Template, name: string) => grantedIn(t, name).filter((a) => WRITES.test(a));

  it.each(CONFIGURATIONS.flatMap((c) => ['guard', 'emrGuard', 'sweep'].map((fn) => [c.mode, fn] as const)))(
    '%s mode: the %s role holds its adapters’ reads and exactly the writes the mode makes',
    (mode, name) => {
      const config = CONFIGURATIONS.find((c) => c.mode === mode) as (typeof CONFIGURATIONS)[number];
      const optIns = { emrFixBlockPublicAccess: 'emrFixBlockPublicAccess' in config.params };
      const declared = (adaptersOf[name] ?? []).flatMap((a) => adapters.get(a) ?? []);
      const writes = grantedWrites(mode, optIns).filter((a) => declared.includes(a));
      const reads = declared.filter((a) => !ALL_REMEDIATION_WRITES.includes(a));
      expect(grantedIn(deployed.get(mode) as Template, name)).toEqual(
        sortedUnique([...reads, ...writes, ...RUNTIME_ACTIONS]),
      );
    },
  );

  it.each([
    ['report', { guard: [], emrGuard: [], sweep: [] }],
    [
      'revoke',
      {
        guard: ['ec2:RevokeSecurityGroupIngress'],
        emrGuard: ['ec2:RevokeSecurityGroupIngress'],
        sweep: ['ec2:RevokeSecurityGroupIngress'],
      },
    ],
    [
      'narrow',
      {
        guard: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
        emrGuard: [
          'ec2:AuthorizeSecurityGroupIngress',
          'ec2:RevokeSecurityGroupIngress',
          'elasticmapreduce:PutBlockPublicAccessConfiguration',
        ],
        sweep: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
      },
    ],
    [
      'replace-with-eic',
      {
        guard: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
        emrGuard: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
        sweep: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
      },
    ],
  ] as const)('%s mode: the remediating roles write exactly %j', (mode, expected) => {
    const t = deployed.get(mode) as Template;
    expect(Object.fromEntries(Object.keys(expected).map((name) => [name, writesIn(t, name)]))).toEqual(
      expected,
    );
  });

  it('report mode grants no write action to any role, even with every opt-in on (no canary either)', () => {
    const t = deployed.get('report') as Template;
    const names = functionsIn(t);
    expect(names.sort()).toEqual(['emrGuard', 'guard', 'sweep', 'tamper']);
    expect(names.flatMap((name) => writesIn(t, name))).toEqual([]);
  });

  it('the mode reaches the functions as the mode the roles were granted for', () => {
    for (const { mode } of CONFIGURATIONS) {
      const t = deployed.get(mode) as Template;
      for (const [, fn] of resourcesOf(t, 'AWS::Lambda::Function').filter(
        ([, r]) => r.Properties.Environment?.Variables?.REMEDIATION_MODE,
      ))
        expect(fn.Properties.Environment.Variables.REMEDIATION_MODE).toBe(mode);
    }
  });

  it('narrow mode with the canary: the canary role writes its own group and nothing else', () => {
    const t = deployed.get('narrow') as Template;
    expect(functionsIn(t)).toContain('canary');
    const declared = adapters.get('canary-ec2') ?? [];
    expect(grantedIn(t, 'canary')).toEqual(sortedUnique([...declared, ...RUNTIME_ACTIONS]));
    const writes = roleStatements(t, roleOf(t, 'canary')).filter((st) =>
      st.actions.some((a) => WRITES.test(a)),
    );
    expect(writes.map((st) => [st.actions, st.resources])).toEqual([
      [
        ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'],
        [{ 'Fn::Sub': CANARY_GROUP_ARN }],
      ],
      [
        ['ec2:AuthorizeSecurityGroupIngress'],
        [{ 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group-rule/*' }],
      ],
    ]);
  });

  it('the canary group may not be used: a deny policy names it for launches and network interfaces', () => {
    const t = deployed.get('narrow') as Template;
    const [, policy] = resourcesOf(t, 'AWS::IAM::ManagedPolicy')[0] ?? [];
    expect(policy?.Properties.PolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Action: ['ec2:RunInstances', 'ec2:CreateNetworkInterface', 'ec2:ModifyNetworkInterfaceAttribute'],
        Resource: { 'Fn::Sub': CANARY_GROUP_ARN },
      }),
    ]);
    expect(resourcesOf(deployed.get('replace-with-eic') as Template, 'AWS::EC2::SecurityGroup')).toEqual([]);
  });
});
