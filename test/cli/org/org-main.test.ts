import { describe, expect, it } from 'vitest';
import { main } from '../../../functions/cli/main.js';
import { ok } from '../../../functions/parse/json.js';
import { InMemoryOrganisation, type MemberAccount, rulesOf } from '../../support/in-memory-org.js';

const PRIVATE_ONLY = rulesOf('111111111111', 'eu-west-1', 6).slice(2);

function run(members: MemberAccount[], argv: string[], { tty = false } = {}) {
  const org = new InMemoryOrganisation(members);
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const services = {
    connect: async () => {
      throw new Error('the single-account scan must not run');
    },
    readFile: async () => '',
    now: () => new Date('2026-12-03T12:00:00Z'),
    newId: () => 'scan-id',
    org: {
      connectOrg: async () => ok({ deps: org.deps, region: 'eu-west-1' }),
      writeFile: async (path: string, text: string) => {
        files.set(path, text);
      },
    },
  };
  const io = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t), isTTY: tty },
    env: {},
  };
  return main(['scan', '--org', ...argv], io, services).then((code) => ({
    code,
    stdout: out.join(''),
    stderr: err.join(''),
    files,
    org,
  }));
}

const member = (id: string, rules = PRIVATE_ONLY, extra: Partial<MemberAccount> = {}): MemberAccount => ({
  id,
  name: `acct-${id.slice(0, 3)}`,
  regions: { 'eu-west-1': rules },
  ...extra,
});

describe('ssh-ingress-guard scan --org', () => {
  it('exits 0 when every account was read and nothing is world-open', async () => {
    const { code, stdout, stderr } = await run([member('111111111111'), member('222222222222')], []);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('== 111111111111 (acct-111) ==');
    expect(stdout).toContain(
      'Organisation: 2 of 2 accounts scanned (0 unreachable, 0 not scanned), 2 regions',
    );
  });

  it('exits 1 when every account was read and some rule is world-open', async () => {
    const { code, stdout } = await run([member('111111111111', rulesOf('111111111111', 'eu-west-1', 3))], []);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /eu-west-1\s+sg-\S+\s+sgr-\S+\s+tcp\/22\s+0\.0\.0\.0\/0\s+world-open\s+high\s+would-revoke/,
    );
  });

  it('exits 3 when an account could not be read, however clean the rest, and says which and why', async () => {
    const { code, stdout } = await run(
      [member('111111111111'), member('222222222222', [], { roles: [] })],
      [],
    );
    expect(code).toBe(3);
    expect(stdout).toMatch(
      /== not read ==\n222222222222 \(acct-222\): AccessDenied: User: .* sts:AssumeRole/,
    );
  });

  it('exits 3 when one region could not be read', async () => {
    const { code, stdout } = await run(
      [
        member('111111111111', PRIVATE_ONLY, {
          ec2Failure: { code: 'UnauthorizedOperation', regions: ['eu-west-1'] },
        }),
      ],
      ['--regions', 'eu-west-1'],
    );
    expect(code).toBe(3);
    expect(stdout).toContain('111111111111 (acct-111) eu-west-1: UnauthorizedOperation');
  });

  it('exits 2 with one line when the accounts cannot be listed', async () => {
    const org = new InMemoryOrganisation([]);
    const failing = {
      ...org.deps,
      organizations: {
        listAccounts: async () => {
          throw Object.assign(new Error('Your account is not a member of an organization.'), {
            name: 'AWSOrganizationsNotInUseException',
          });
        },
      },
    };
    const err: string[] = [];
    const code = await main(
      ['scan', '--org'],
      { stdout: { write: () => true }, stderr: { write: (t: string) => err.push(t) }, env: {} },
      {
        connect: async () => ok({ ec2For: () => ({}) as never, region: 'x' }),
        readFile: async () => '',
        now: () => new Date(),
        newId: () => 'id',
        org: {
          connectOrg: async () => ok({ deps: failing, region: 'eu-west-1' }),
          writeFile: async () => {},
        },
      },
    );
    expect(code).toBe(2);
    expect(err.join('')).toBe(
      "ssh-ingress-guard: cannot list the organisation's accounts (AWSOrganizationsNotInUseException: Your account is not a member of an organization.)\n",
    );
  });

  it("exits 2 on bad usage, with the organisation scan's usage", async () => {
    const { code, stderr } = await run([], ['--accounts', 'prod']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^ssh-ingress-guard: --accounts takes twelve-digit account ids, not 'prod'\n\nUsage: ssh-ingress-guard scan --org/,
    );
  });

  it('prints the finding documents, the accounts and every mode per finding as JSON', async () => {
    const { stdout } = await run(
      [
        member('111111111111', rulesOf('111111111111', 'eu-west-1', 3)),
        member('222222222222', [], { roles: [] }),
      ],
      ['--format', 'json'],
    );
    const document = JSON.parse(stdout);
    expect(document).toMatchObject({
      schemaVersion: '1.0',
      product: 'ssh-ingress-guard',
      part: { index: 1, count: 1 },
    });
    const world = document.findings.find((f: { checkId: string }) => f.checkId === 'ssh-world-open');
    expect(document.organisation.modes[world.findingId].map((m: { mode: string }) => m.mode)).toEqual([
      'revoke',
      'narrow',
      'replace-with-eic',
      'report',
    ]);
    expect(document.organisation.accounts).toEqual([
      expect.objectContaining({ id: '111111111111', status: 'scanned', apiCalls: 3 }),
      expect.objectContaining({
        id: '222222222222',
        status: 'unreachable',
        error: expect.objectContaining({ code: 'AccessDenied' }),
      }),
    ]);
  });

  it('writes the HTML report where --html says', async () => {
    const { files } = await run(
      [member('111111111111', rulesOf('111111111111', 'eu-west-1', 3))],
      ['--html', 'out/report.html'],
    );
    expect(files.get('out/report.html')).toMatch(
      /^<!doctype html>[\s\S]*SSH exposure across the organisation/,
    );
  });

  it('shows progress on a terminal and leaves the line clean', async () => {
    const { stderr } = await run([member('111111111111'), member('222222222222')], [], { tty: true });
    expect(stderr).toContain(
      '\r\x1b[2Kscanning accounts 2/2, regions 2, 8 rules judged, 0 findings (0 world-open)',
    );
    expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
  });
});
