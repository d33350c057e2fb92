import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config/config.js';
import { makeEmrGuardHandler } from '../../functions/handlers/emr-guard-handler.js';
import { makeGuardHandler } from '../../functions/handlers/guard-handler.js';
import { makeHostPostureHandler } from '../../functions/handlers/host-posture-handler.js';
import { makeSweepHandler } from '../../functions/handlers/sweep-handler.js';
import { silentLog } from '../../functions/log.js';
import { TRIGGERS } from '../../functions/triggers/registry.js';
import { receiverOf } from '../../functions/triggers/route-event.js';
import { eventFiles, loadEvent } from '../support/events.js';
import { InMemoryPublisher, inMemoryDeps, inMemoryEmrDeps } from '../support/in-memory-aws.js';
import { InMemoryHosts } from '../support/in-memory-hosts.js';

const DEPTH = 20_000;
const config = loadConfig({ TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:findings' });
const CONTEXT = { invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:guard' };

/** Nesting built in a loop (a recursive builder would itself overflow). */
function nested(depth: number, wrap: (inner: unknown) => unknown, core: unknown = {}): unknown {
  let value = core;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

const SHAPES: readonly [string, unknown][] = [
  [
    '20,000 levels of `items`',
    nested(DEPTH, (v) => ({ items: v }), { ipProtocol: 'tcp', fromPort: 22, toPort: 22 }),
  ],
  ['20,000 levels of `item`', nested(DEPTH, (v) => ({ item: v }))],
  ['20,000 nested arrays', nested(DEPTH, (v) => [v])],
  ['20,000 nested objects', nested(DEPTH, (v) => ({ a: v }))],
  ['a 200 KB string', 'x'.repeat(200_000)],
  ['50,000 empty objects', Array.from({ length: 50_000 }, () => ({}))],
];

/** Where a hostile value can sit: every field of the record a parser or the router reads. */
const FIELDS = [
  'requestParameters',
  'responseElements',
  'userIdentity',
  'eventName',
  'eventSource',
  'recipientAccountId',
  'awsRegion',
  'resources',
  'omitted',
  'errorCode',
];

/** The request fields parsers walk into, one level down. */
const REQUEST_FIELDS = [
  'ipPermissions',
  'groupId',
  'instances',
  'ModifySecurityGroupRulesRequest',
  'ModifyManagedPrefixListRequest',
  'RestoreManagedPrefixListVersionRequest',
];

const handlers = {
  guard: () => makeGuardHandler(config, inMemoryDeps().deps, silentLog),
  emrGuard: () => makeEmrGuardHandler(config, inMemoryEmrDeps().deps, silentLog),
  sweep: () => makeSweepHandler(config, inMemoryDeps().deps, silentLog),
  hostPosture: () =>
    makeHostPostureHandler(
      config,
      {
        postureFor: () => new InMemoryHosts(),
        publisher: new InMemoryPublisher(),
        now: () => new Date('2026-11-21T10:00:00Z'),
      },
      silentLog,
    ),
};

/** One sample per trigger of the registry, the function that receives it, and its detail. */
const samples = TRIGGERS.map((t) => {
  const file = eventFiles().find(
    (f) => loadEvent(f) && f.startsWith(t.id === 'schedule' ? 'schedule' : t.id),
  );
  return { id: t.id, receiver: t.receiver, file: file ?? '' };
}).filter((s) => s.file);

const cases = samples.flatMap((s) =>
  SHAPES.flatMap(([shape, value]) => [
    ...FIELDS.map((field) => [s.id, s.receiver, s.file, `detail.${field}`, shape, value] as const),
    ...REQUEST_FIELDS.map(
      (field) => [s.id, s.receiver, s.file, `requestParameters.${field}`, shape, value] as const,
    ),
    [s.id, s.receiver, s.file, 'detail', shape, value] as const,
  ]),
);

describe('Class 7 Hostile shapes: no input crashes a handler', () => {
  it('covers every trigger of the registry', () => {
    expect(samples.map((s) => s.id).sort()).toEqual(TRIGGERS.map((t) => t.id).sort());
  });

  it.each(cases)('%s (%s function, %s): %s holding %s', async (_id, receiver, file, where, _shape, value) => {
    const event = loadEvent(file);
    const detail = { ...event.detail };
    if (where === 'detail') Object.assign(event, { detail: value });
    else if (where.startsWith('detail.'))
      Object.assign(event, { detail: { ...detail, [where.slice(7)]: value } });
    else {
      const request = typeof detail.requestParameters === 'object' ? detail.requestParameters : {};
      Object.assign(event, {
        detail: { ...detail, requestParameters: { ...request, [where.slice(18)]: value } },
      });
    }
    const result = await handlers[receiver]()(event, CONTEXT);
    expect(['handled', 'ignored', 'skipped', 'unparsed']).toContain(result.status);
  });
});

describe('Class 7 Hostile shapes: deep nesting is reported, never read as "no rules"', () => {
  it('publishes one unparsed-event finding and revokes nothing for 20,000 levels of `items` in ipPermissions', async () => {
    const { deps, ec2For, publisher } = inMemoryDeps();
    const permission = {
      ipProtocol: 'tcp',
      fromPort: 22,
      toPort: 22,
      ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
    };
    const event = loadEvent('authorize-pre-2021-no-ruleset.json');
    const request = {
      ...(event.detail.requestParameters as object),
      ipPermissions: nested(DEPTH, (v) => ({ items: v }), permission),
    };
    const result = await makeGuardHandler(
      config,
      deps,
      silentLog,
    )({ ...event, detail: { ...event.detail, requestParameters: request } });
    expect(result).toMatchObject({ status: 'unparsed' });
    expect(
      publisher
        .documents()
        .flatMap((d) => d.findings)
        .map((f) => f.checkId),
    ).toEqual(['unparsed-event']);
    expect(ec2For('eu-west-1').callCount('revokeIngress')).toBe(0);
  });
});

/**
 * Every field a parser or the router reads, as a path into the detail. Sample records do not hold
 * every optional field (a legacy flat request, an EMR cluster's additional groups), so these are
 * planted too; a missing step is created on the way.
 */
const READ_PATHS = [
  ...['eventSource', 'eventName', 'eventID', 'eventTime', 'errorCode', 'awsRegion', 'recipientAccountId'],
  ...['sourceIPAddress', 'userAgent', 'omitted', 'resources.0.ARN'],
  ...['arn', 'type', 'principalId', 'accountId', 'invokedBy'].map((k) => `userIdentity.${k}`),
  'userIdentity.sessionContext.attributes.mfaAuthenticated',
  'userIdentity.sessionContext.sessionIssuer.arn',
  ...['groupId', 'groupName', 'cidrIp', 'ipProtocol', 'fromPort', 'toPort', 'sourceSecurityGroupName']
    .concat(['sourceSecurityGroupId', 'name', 'ipPermissions'])
    .map((k) => `requestParameters.${k}`),
  ...['ipProtocol', 'fromPort', 'toPort', 'ipRanges', 'ipv6Ranges', 'prefixListIds', 'groups'].map(
    (k) => `requestParameters.ipPermissions.items.0.${k}`,
  ),
  ...['cidrIp', 'cidrIpv6', 'prefixListId', 'groupId', 'groupName', 'userId', 'description'].flatMap((k) =>
    ['ipRanges', 'ipv6Ranges', 'prefixListIds', 'groups'].map(
      (list) => `requestParameters.ipPermissions.items.0.${list}.items.0.${k}`,
    ),
  ),
  ...['securityGroupRuleId', 'groupId', 'ipProtocol', 'fromPort', 'toPort', 'cidrIpv4', 'cidrIpv6']
    .concat(['prefixListId', 'referencedGroupInfo.groupId', 'isEgress', 'description'])
    .map((k) => `responseElements.securityGroupRuleSet.items.0.${k}`),
  ...['GroupId', 'SecurityGroupRule', 'SecurityGroupRule.SecurityGroupRuleId']
    .concat(
      ['IpProtocol', 'FromPort', 'ToPort', 'CidrIpv4', 'CidrIpv6', 'PrefixListId', 'ReferencedGroupId'].map(
        (k) => `SecurityGroupRule.SecurityGroupRule.${k}`,
      ),
    )
    .map((k) => `requestParameters.ModifySecurityGroupRulesRequest.${k}`),
  ...['PrefixListId', 'CurrentVersion', 'AddEntry', 'AddEntry.0.Cidr', 'AddEntry.0.cidr', 'RemoveEntry']
    .concat(['RemoveEntry.0.Cidr'])
    .map((k) => `requestParameters.ModifyManagedPrefixListRequest.${k}`),
  'responseElements.ModifyManagedPrefixListResponse.prefixList.prefixListId',
  'responseElements.ModifyManagedPrefixListResponse.prefixList.version',
  ...['PrefixListId', 'PreviousVersion', 'CurrentVersion'].map(
    (k) => `requestParameters.RestoreManagedPrefixListVersionRequest.${k}`,
  ),
  'responseElements.RestoreManagedPrefixListVersionResponse.prefixList.prefixListId',
  'responseElements.jobFlowId',
  ...['emrManagedMasterSecurityGroup', 'emrManagedSlaveSecurityGroup', 'serviceAccessSecurityGroup']
    .concat(['additionalMasterSecurityGroups', 'additionalSlaveSecurityGroups'])
    .map((k) => `requestParameters.instances.${k}`),
  ...[
    'clusterId',
    'state',
    'name',
    'compliance-type',
    'resource-type',
    'resource-id',
    'compliance-status',
  ].concat(['last-runtime']),
];

/** Every path of a value (objects and arrays alike), walked with a stack. */
function pathsOf(value: unknown): string[] {
  const paths: string[] = [];
  const stack: [string, unknown][] = [['', value]];
  while (stack.length > 0) {
    const [path, node] = stack.pop() as [string, unknown];
    if (path) paths.push(path);
    if (node && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) stack.push([path ? `${path}.${key}` : key, child]);
  }
  return paths;
}

/** A copy of the detail with `value` at `path`, each step copied (or created) on the way. */
function plant(detail: unknown, path: string, value: unknown): unknown {
  const [head, ...rest] = path.split('.');
  const node = detail && typeof detail === 'object' ? detail : {};
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string, unknown>;
  copy[head as string] = rest.length === 0 ? value : plant(copy[head as string], rest.join('.'), value);
  return copy;
}

/** Every sample a function of the guard receives, with every field it holds or a parser reads. */
const plantable = eventFiles()
  .map((file) => ({ file, receiver: receiverOf(loadEvent(file)) }))
  .filter((s): s is { file: string; receiver: keyof typeof handlers } => s.receiver !== undefined)
  .map((s) => ({
    ...s,
    paths: [...new Set([...pathsOf(loadEvent(s.file).detail), ...READ_PATHS])],
  }));

async function runPlanted(sample: (typeof plantable)[number], path: string, value: unknown) {
  const event = loadEvent(sample.file);
  return handlers[sample.receiver]()({ ...event, detail: plant(event.detail, path, value) }, CONTEXT);
}

const ANSWERS = ['handled', 'ignored', 'skipped', 'unparsed'];

describe('Class 7 Hostile shapes: a deep or large value at any field, at any depth, crashes no handler', () => {
  it('plants 20,000 levels of nesting at every field of every sample', async () => {
    const crashed: string[] = [];
    const deep = nested(DEPTH, (v) => ({ a: v }));
    let planted = 0;
    for (const sample of plantable)
      for (const path of sample.paths) {
        planted += 1;
        const result = await runPlanted(sample, path, deep).catch((e: Error) => ({ status: e.message }));
        if (!ANSWERS.includes(result.status)) crashed.push(`${sample.file} ${path}: ${result.status}`);
      }
    expect(crashed).toEqual([]);
    // Every sample of every trigger, each at dozens of fields: the loop cannot pass by running nothing.
    expect(new Set(plantable.map((s) => s.receiver))).toEqual(new Set(Object.keys(handlers)));
    expect(planted).toBeGreaterThan(plantable.length * READ_PATHS.length);
  });

  it('property: any hostile shape at any path of any sample is answered, never thrown', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...plantable)
          .chain((sample) => fc.tuple(fc.constant(sample), fc.constantFrom(...sample.paths))),
        fc.constantFrom(...SHAPES.map(([, value]) => value)),
        async ([sample, path], value) => {
          const result = await runPlanted(sample, path, value);
          expect(ANSWERS).toContain(result.status);
        },
      ),
      { numRuns: 300 },
    );
  });
});
