import { describe, expect, it } from 'vitest';
import { DEFAULT_SCAN_ROLE, parseOrgArgs } from '../../../functions/cli/org/org-args.js';

const scan = (...argv: string[]) => parseOrgArgs(['scan', '--org', ...argv]);

describe('scan --org arguments', () => {
  it('defaults to the scan role, every account, every enabled region, four accounts at once, a table', () => {
    expect(scan()).toEqual({
      kind: 'org',
      options: {
        role: DEFAULT_SCAN_ROLE,
        excludeAccounts: [],
        regions: [],
        accountConcurrency: 4,
        format: 'table',
      },
    });
  });

  it('reads every option', () => {
    expect(
      scan(
        '--role',
        'security/OrgScan',
        '--external-id',
        'sesame',
        '--accounts',
        '111111111111,222222222222',
        '--accounts',
        '333333333333',
        '--exclude-accounts',
        '444444444444',
        '--regions',
        'eu-west-1, us-east-1',
        '--region',
        'eu-west-1',
        '--account-concurrency',
        '16',
        '--region-concurrency',
        '2',
        '--format',
        'json',
        '--html',
        'report.html',
        '--profile',
        'security',
      ),
    ).toEqual({
      kind: 'org',
      options: {
        role: 'security/OrgScan',
        externalId: 'sesame',
        accounts: ['111111111111', '222222222222', '333333333333'],
        excludeAccounts: ['444444444444'],
        regions: ['eu-west-1', 'us-east-1'],
        accountConcurrency: 16,
        regionConcurrency: 2,
        format: 'json',
        html: 'report.html',
        profile: 'security',
      },
    });
  });

  it.each([
    [['--accounts', '12345'], "--accounts takes twelve-digit account ids, not '12345'"],
    [['--exclude-accounts', 'prod'], "--exclude-accounts takes twelve-digit account ids, not 'prod'"],
    [['--regions', 'Ireland'], "--regions takes region names such as eu-west-1, not 'Ireland'"],
    [['--account-concurrency', '0'], "--account-concurrency takes a whole number from 1 to 32, not '0'"],
    [['--region-concurrency', '2.5'], "--region-concurrency takes a whole number from 1 to 32, not '2.5'"],
    [
      ['--mode', 'revoke'],
      '--org is read-only: it reports what every mode would do, so --mode revoke does not apply',
    ],
    [['--input', 'rules.json'], '--org reads AWS: --input does not apply'],
    [['--format', 'xml'], "--format must be table or json, not 'xml'"],
    [['--role', 'a role'], "--role takes an IAM role name (optionally with its path), not 'a role'"],
    [['--all-regions', '--regions', 'eu-west-1'], '--regions and --all-regions exclude each other'],
    [['--colour'], 'unknown option --colour with --org'],
    [['extra'], "unexpected argument 'extra'"],
  ])('refuses %j: %s', (argv, message) => {
    expect(scan(...argv)).toEqual({ kind: 'error', message });
  });

  it('accepts --mode report, which is what it does anyway', () => {
    expect(scan('--mode', 'report').kind).toBe('org');
  });

  it('asks for help with -h', () => {
    expect(scan('-h')).toEqual({ kind: 'help' });
  });
});
