import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../functions/cli/aws-connection.js';
import { type CliServices, main } from '../../functions/cli/main.js';
import { ok } from '../../functions/parse/json.js';
import { assertValidFindingMessage } from '../support/finding-schema.js';
import { inMemoryDeps } from '../support/in-memory-aws.js';
import { cidr, ruleOf } from '../support/policy.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/describe-security-group-rules.json');

function sink(isTTY = false) {
  const chunks: string[] = [];
  return { write: (text: string) => chunks.push(text), isTTY, text: () => chunks.join('') };
}

interface Run {
  argv: string[];
  env?: Record<string, string>;
  tty?: boolean;
  files?: Record<string, string>;
  connection?: Connection | string;
}

/** Runs the CLI in-process: files and AWS are whatever the test says. */
async function run({ argv, env = {}, tty = false, files = {}, connection }: Run) {
  const stdout = sink();
  const stderr = sink(tty);
  const connects: unknown[] = [];
  const services: CliServices = {
    connect: async (options) => {
      connects.push(options);
      if (typeof connection === 'string') return { ok: false, error: connection };
      return ok(connection as Connection);
    },
    readFile: async (path) => files[path] ?? readFile(path, 'utf8'),
    now: () => new Date('2026-11-21T10:00:00Z'),
    newId: () => 'scan-0001',
  };
  const code = await main(argv, { stdout, stderr, env }, services);
  return { code, out: stdout.text(), err: stderr.text(), connects };
}

const describeOutput = (rules: object[]) => JSON.stringify({ SecurityGroupRules: rules });
const describedRule = (id: string, source: object, extra: object = {}) => ({
  SecurityGroupRuleId: id,
  GroupId: 'sg-0d0d0d0d0d0d0d0d1',
  IsEgress: false,
  IpProtocol: 'tcp',
  FromPort: 22,
  ToPort: 22,
  ...source,
  ...extra,
});

const WORLD_RULE = describedRule('sgr-0000000000000000a', { CidrIpv4: '0.0.0.0/0' });

/** An in-memory account: eu-west-1 has a world-open rule, us-east-1 only a private one. */
function account(failing?: string) {
  const world = inMemoryDeps();
  world.ec2For('eu-west-1').regions = ['eu-west-1', 'us-east-1'];
  world.ec2For('eu-west-1').addRules(ruleOf());
  world.ec2For('us-east-1').addRules(ruleOf({ source: cidr('10.0.0.0/8') }));
  if (failing)
    world.ec2For(failing).readAllFailure = Object.assign(new Error('not enabled'), { name: 'OptInRequired' });
  const connection: Connection = { ec2For: world.ec2For, region: 'eu-west-1', account: '123456789012' };
  return { ...world, connection };
}

describe('scan --input: a saved describe-security-group-rules output, offline', () => {
  it('prints a table of the findings, worst first, and exits 1 for violations', async () => {
    const { code, out, err } = await run({ argv: ['scan', '--input', FIXTURE] });
    expect(code).toBe(1);
    expect(err).toBe('');
    const rows = out.split('\n');
    expect(rows[0]).toMatch(/^REGION\s+GROUP\s+RULE\s+PORTS\s+SOURCE\s+FINDING\s+SEVERITY\s+ACTION$/);
    expect(rows.filter((r) => /\bhigh\s+would-revoke$/.test(r))).toHaveLength(5);
    expect(rows.filter((r) => /world-open \(aggregate\)/.test(r))).toHaveLength(1);
    expect(rows.filter((r) => /\breview\s+medium\b/.test(r))).toHaveLength(3);
    expect(out).toMatch(/^eu-west-1: 7 groups, 23 rules, 5 world-open \(would-revoke 5, review 3\)$/m);
  });

  it('prints the finding documents the guard publishes with --format json, valid against the schema', async () => {
    const { code, out } = await run({ argv: ['scan', '--input', FIXTURE, '--format', 'json'] });
    expect(code).toBe(1);
    const document = JSON.parse(out);
    assertValidFindingMessage(document);
    const checks = document.findings.map((f: { checkId: string }) => f.checkId);
    expect(checks.filter((c: string) => c === 'ssh-world-open')).toHaveLength(4);
    expect(checks.filter((c: string) => c === 'ssh-aggregate-world-open')).toHaveLength(1);
    expect(checks.at(-1)).toBe('sweep-summary');
    expect(document.findings[0]).toMatchObject({
      account: '123456789012',
      region: 'eu-west-1',
      trigger: { kind: 'scan', eventId: 'scan-0001' },
      action: { type: 'would-revoke', mode: 'report' },
    });
  });

  it('reports prefix lists for review: their entries are not in the input', async () => {
    const { out } = await run({ argv: ['scan', '--input', FIXTURE, '--format', 'json'] });
    const finding = JSON.parse(out).findings.find((f: { resource: { source?: string } }) =>
      f.resource.source?.startsWith('pl-'),
    );
    expect(finding).toMatchObject({ checkId: 'ssh-public-source', resource: { sourceClass: 'unresolved' } });
    expect(finding.summary).toMatch(/offline scan/);
  });

  it('exits 0 and says so when nothing is exposed', async () => {
    const files = {
      'clean.json': describeOutput([describedRule('sgr-0000000000000000a', { CidrIpv4: '10.0.0.0/8' })]),
    };
    const { code, out } = await run({
      argv: ['scan', '--input', 'clean.json', '--region', 'eu-west-2'],
      files,
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^No SSH exposure found\.$/m);
    expect(out).toMatch(/^eu-west-2: 1 groups, 1 rules, 0 world-open$/m);
  });

  it('reads several saved pages written one after another', async () => {
    const pages =
      describeOutput([describedRule('sgr-0000000000000000a', { CidrIpv4: '0.0.0.0/0' })]) +
      '\n' +
      describeOutput([describedRule('sgr-0000000000000000b', { CidrIpv6: '::/0' })]);
    const { code, out } = await run({
      argv: ['scan', '--input', 'pages.json', '--format', 'json'],
      files: { 'pages.json': pages },
    });
    expect(code).toBe(1);
    expect(JSON.parse(out).findings).toHaveLength(3);
  });

  it('leaves out entries it does not understand, and says how many', async () => {
    const files = {
      'odd.json': describeOutput([
        describedRule('sgr-0000000000000000a', { CidrIpv4: '10.0.0.0/8' }),
        { SecurityGroupRuleId: 'sgr-0000000000000000b', GroupId: 'sg-0d0d0d0d0d0d0d0d1', IpProtocol: 'tcp' },
      ]),
    };
    const { code, err } = await run({ argv: ['scan', '--input', 'odd.json'], files });
    expect(code).toBe(0);
    expect(err).toBe(
      'ssh-ingress-guard: 1 entries of odd.json are not security group rules this tool understands; left out\n',
    );
  });

  it.each<[string, string | undefined, RegExp]>([
    ['a missing file', undefined, /^ssh-ingress-guard: cannot read nowhere\.json: ENOENT/],
    ['a file that is not JSON', 'SecurityGroupRules: []', /^ssh-ingress-guard: nowhere\.json: not JSON: /],
    // V8 quotes the broken text in its message, newlines included: still one line on stderr.
    [
      'JSON broken across lines',
      '{"SecurityGroupRules":\n\n}',
      /^ssh-ingress-guard: nowhere\.json: not JSON: /,
    ],
    [
      'JSON that is not a describe output',
      '{"SecurityGroups": []}',
      /expected the output of 'aws ec2 describe-security-group-rules'/,
    ],
  ])('exits 2 on %s, with exactly one line and no usage', async (_name, content, message) => {
    const files: Record<string, string> = content === undefined ? {} : { 'nowhere.json': content };
    const { code, out, err } = await run({ argv: ['scan', '--input', 'nowhere.json'], files });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.endsWith('\n')).toBe(true);
    expect(err.split('\n')).toHaveLength(2);
  });

  it.each<[string, string]>([
    ['one document holding the rule twice', describeOutput([WORLD_RULE, WORLD_RULE])],
    ['the same page saved twice', describeOutput([WORLD_RULE]) + describeOutput([WORLD_RULE])],
  ])('counts a rule once when the input holds %s, and says so', async (_name, content) => {
    const { code, out, err } = await run({
      argv: ['scan', '--input', 'twice.json', '--format', 'json'],
      files: { 'twice.json': content },
    });
    expect(code).toBe(1);
    const { findings } = JSON.parse(out);
    expect(findings.filter((f: { checkId: string }) => f.checkId === 'ssh-world-open')).toHaveLength(1);
    expect(findings.at(-1).resource.details.totals.rules).toBe(1);
    expect(err).toBe(
      'ssh-ingress-guard: 1 entries of twice.json repeat a rule read before; each rule counted once\n',
    );
  });

  it('judges both versions of a rule id saved at two different times', async () => {
    const later = describedRule('sgr-0000000000000000a', { CidrIpv4: '10.0.0.0/8' });
    const content = describeOutput([WORLD_RULE]) + describeOutput([later]);
    const { code, out } = await run({
      argv: ['scan', '--input', 'two.json', '--format', 'json'],
      files: { 'two.json': content },
    });
    expect(code).toBe(1);
    expect(JSON.parse(out).findings.at(-1).resource.details.totals.rules).toBe(2);
  });
});

describe('scan against AWS (the connection is faked here)', () => {
  it('scans the configured region by default', async () => {
    const { connection } = account();
    const { code, out, connects } = await run({ argv: ['scan'], connection });
    expect(code).toBe(1);
    expect(connects).toEqual([{}]);
    expect(out).toMatch(/^eu-west-1: 1 groups, 1 rules, 1 world-open/m);
    expect(out).not.toMatch(/us-east-1:/);
  });

  it('scans each --region given, connecting in the first', async () => {
    const { connection } = account();
    const { code, out, connects } = await run({
      argv: ['scan', '--region', 'us-east-1', '--region', 'eu-west-1'],
      connection,
    });
    expect(code).toBe(1);
    expect(connects).toEqual([{ region: 'us-east-1' }]);
    expect(out).toMatch(
      /^us-east-1: 1 groups, 1 rules, 0 world-open\neu-west-1: 1 groups, 1 rules, 1 world-open/m,
    );
  });

  it('scans every enabled region with --all-regions', async () => {
    const { connection, ec2For } = account();
    const { out } = await run({ argv: ['scan', '--all-regions'], connection });
    expect(ec2For('eu-west-1').callCount('listRegions')).toBe(1);
    expect(out).toMatch(/Swept 2 of 2 regions/);
  });

  it('revokes with --mode revoke, and still exits 1: violations were found', async () => {
    const { connection, ec2For } = account();
    const { code, out } = await run({ argv: ['scan', '--mode', 'revoke'], connection });
    expect(code).toBe(1);
    expect(ec2For('eu-west-1').callCount('revokeIngress')).toBe(1);
    expect(out).toMatch(/\bhigh\s+revoked$/m);
  });

  it('changes nothing in the default report mode', async () => {
    const { connection, ec2For } = account();
    await run({ argv: ['scan'], connection });
    expect(ec2For('eu-west-1').callCount('revokeIngress')).toBe(0);
  });

  it('exits 0 when the regions scanned are clean', async () => {
    const { connection } = account();
    expect((await run({ argv: ['scan', '--region', 'us-east-1'], connection })).code).toBe(0);
  });

  it('exits 2 when a region could not be scanned, and shows which', async () => {
    const { connection } = account('us-east-1');
    const { code, out } = await run({ argv: ['scan', '--all-regions'], connection });
    expect(code).toBe(2);
    expect(out).toMatch(/^us-east-1\s+-\s+-\s+-\s+-\s+region not scanned\s+high\s+failed: OptInRequired$/m);
    expect(out).toMatch(/^us-east-1: not scanned \(OptInRequired: not enabled\)$/m);
  });

  it('passes --profile to the connection', async () => {
    const { connection } = account();
    const { connects } = await run({
      argv: ['scan', '--profile', 'audit', '--region', 'eu-west-1'],
      connection,
    });
    expect(connects).toEqual([{ profile: 'audit', region: 'eu-west-1' }]);
  });

  it('exits 2 with one line when there are no credentials', async () => {
    const { code, err } = await run({
      argv: ['scan'],
      connection: 'no AWS credentials: Could not load credentials',
    });
    expect(code).toBe(2);
    expect(err).toBe('ssh-ingress-guard: no AWS credentials: Could not load credentials\n');
  });

  it('shows progress on stderr only when it is a terminal', async () => {
    const onTty = await run({ argv: ['scan', '--all-regions'], connection: account().connection, tty: true });
    const piped = await run({ argv: ['scan', '--all-regions'], connection: account().connection });
    expect(onTty.err).toContain('\r\x1b[2Kscanning 1/2 regions');
    expect(onTty.err.endsWith('\r\x1b[2K')).toBe(true);
    expect(piped.err).toBe('');
  });
});

describe('usage and configuration', () => {
  it('prints the usage on stdout and exits 0 for --help', async () => {
    const { code, out, err } = await run({ argv: ['--help'] });
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: ssh-ingress-guard scan \[options\]/);
    expect(err).toBe('');
  });

  it('exits 2 for a bad flag, with one line and the usage on stderr', async () => {
    const { code, out, err } = await run({ argv: ['scan', '--bogus'] });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^ssh-ingress-guard: unknown option --bogus\n\nUsage: /);
  });

  it('reads the policy from the same variables as the guard, and exits 2 naming a bad one', async () => {
    const trusted = await run({
      argv: ['scan', '--input', FIXTURE],
      env: { TRUSTED_CIDRS: '52.94.76.0/24' },
    });
    expect(trusted.out).not.toMatch(/52\.94\.76\.0\/28/);
    const bad = await run({ argv: ['scan', '--input', FIXTURE], env: { WATCHED_PORTS: 'ssh' } });
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      'ssh-ingress-guard: WATCHED_PORTS: expected comma-separated TCP ports from 1 to 65535, e.g. "22,2222", got "ssh"\n',
    );
  });
});
