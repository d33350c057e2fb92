import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplateFile } from '../../scripts/cfn-check.js';
import { matchesPattern } from '../support/event-pattern.js';
import { eventFiles, loadEvent, loadManifest } from '../support/events.js';

const ROOT = join(import.meta.dirname, '../..');
// biome-ignore lint/suspicious/noExplicitAny: walks a parsed YAML document; the tests assert its shape.
type Json = Record<string, any>;
/** An osls variable as written in serverless.yml, e.g. `${param:x}`. */
const variable = (expression: string) => `\${${expression}}`;
const service = loadTemplateFile(join(ROOT, 'serverless.yml')) as Json;
const patterns = JSON.parse(readFileSync(join(ROOT, 'infra/event-patterns.json'), 'utf8')) as Json;

/** `${file(./infra/event-patterns.json):name}` → the pattern, as osls resolves it. */
function resolvePattern(reference: string): Json {
  const match = /^\$\{file\(\.\/infra\/event-patterns\.json\):(\w+)\}$/.exec(reference);
  if (!match?.[1] || !patterns[match[1]]) throw new Error(`unresolvable pattern reference ${reference}`);
  return patterns[match[1]];
}

const emrFunction = service.functions.emrGuard as Json;
const emrPatterns = (emrFunction.events as Json[]).map((e) => resolvePattern(e.eventBridge.pattern));
const guardPatterns = (service.functions.guard.events as Json[]).map((e) =>
  resolvePattern(e.eventBridge.pattern),
);
const matchesAny = (list: Json[], event: unknown) => list.some((p) => matchesPattern(p, event));

describe('the EMR guard function in serverless.yml', () => {
  it('is triggered by exactly the RunJobFlow and EMR state-change patterns', () => {
    expect(emrFunction.events.map((e: Json) => e.eventBridge.pattern)).toEqual([
      variable('file(./infra/event-patterns.json):emrRunJobFlow'),
      variable('file(./infra/event-patterns.json):emrClusterState'),
    ]);
  });

  const emrFiles = new Set(
    loadManifest()
      .filter((m) => m.trigger === 'emr-runjobflow' || m.trigger === 'emr-state')
      .map((m) => m.file),
  );

  it.each(eventFiles().map((f) => [f, emrFiles.has(f)]))('%s reaches the EMR guard: %s', (file, expected) => {
    expect(matchesAny(emrPatterns, loadEvent(file))).toBe(expected);
  });

  it.each([...emrFiles].map((f) => [f]))('%s does not reach the EC2 guard as well', (file) => {
    expect(matchesAny(guardPatterns, loadEvent(file))).toBe(false);
  });

  it.each([
    ['a failed RunJobFlow (errorCode)', { errorCode: 'ValidationException' }, false],
    ['a RunJobFlow from another event source', { eventSource: 'ec2.amazonaws.com' }, false],
    ['another EMR API call', { eventName: 'TerminateJobFlows' }, false],
  ])('rejects %s', (_name, change, expected) => {
    const event = loadEvent('emr-runjobflow-default-groups.json');
    Object.assign(event.detail, change);
    expect(matchesAny(emrPatterns, event)).toBe(expected);
  });

  it.each(['TERMINATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS'])('rejects state %s', (state) => {
    const event = loadEvent('emr-state-running.json');
    event.detail.state = state;
    expect(matchesAny(emrPatterns, event)).toBe(false);
  });

  it('runs with its own role and the opt-in setting, off by default', () => {
    expect(emrFunction.role).toBe('EmrGuardRole');
    expect(emrFunction.environment).toEqual({
      EMR_FIX_BLOCK_PUBLIC_ACCESS: variable('param:emrFixBlockPublicAccess'),
    });
    expect(service.params.default.emrFixBlockPublicAccess).toBe('false');
    // Opted in, and never in report mode (which writes nothing).
    expect(service.resources.Conditions.EmrFixesBlockPublicAccess).toEqual({
      'Fn::And': [
        { 'Fn::Equals': [variable('param:emrFixBlockPublicAccess'), 'true'] },
        { Condition: 'RemediatesGroups' },
      ],
    });
  });
});

describe("the EMR guard's IAM role", () => {
  const statements = service.resources.Resources.EmrGuardRole.Properties.Policies[0].PolicyDocument
    .Statement as Json[];
  const plain = statements.filter((s) => !s['Fn::If']);
  const conditional = statements.filter((s) => s['Fn::If']).map((s) => s['Fn::If']);
  const actionsOf = (list: Json[]) => list.flatMap((s) => s.Action as string[]);

  it('grants PutBlockPublicAccessConfiguration only when the fix is opted in', () => {
    expect(actionsOf(plain)).not.toContain('elasticmapreduce:PutBlockPublicAccessConfiguration');
    expect(conditional).toContainEqual([
      'EmrFixesBlockPublicAccess',
      expect.objectContaining({ Action: ['elasticmapreduce:PutBlockPublicAccessConfiguration'] }),
      { Ref: 'AWS::NoValue' },
    ]);
    const bpa = conditional.filter((c) => JSON.stringify(c).includes('BlockPublicAccess'));
    expect(bpa).toHaveLength(1);
  });

  it('uses no wildcard action and scopes what has a resource type', () => {
    expect(actionsOf(plain).filter((a) => a.includes('*'))).toEqual([]);
    // Mode-dependent writes sit behind Fn::If: their granted branch is the second element.
    const granted = [...plain, ...conditional.map((c) => c[1] as Json)];
    const resourceOf = (action: string) => granted.find((s) => s.Action.includes(action))?.Resource;
    expect(resourceOf('elasticmapreduce:DescribeCluster')).toEqual({
      'Fn::Sub': `arn:${variable('AWS::Partition')}:elasticmapreduce:*:${variable('AWS::AccountId')}:cluster/*`,
    });
    expect(resourceOf('ec2:RevokeSecurityGroupIngress')).toEqual({
      'Fn::Sub': `arn:${variable('AWS::Partition')}:ec2:*:${variable('AWS::AccountId')}:security-group/*`,
    });
    expect(resourceOf('sns:Publish')).toEqual({ Ref: 'FindingsTopic' });
  });
});
