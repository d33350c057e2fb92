import { describe, expect, it } from 'vitest';
import { parseScanArgs } from '../../functions/cli/args.js';

const scan = (...flags: string[]) => parseScanArgs(['scan', ...flags]);

describe('scan flags', () => {
  it('defaults to report mode, table output, the configured region', () => {
    expect(scan()).toEqual({
      kind: 'scan',
      options: { regions: [], allRegions: false, mode: 'report', format: 'table' },
    });
  });

  it.each<[string, string[], object]>([
    [
      '--region, repeatable',
      ['--region', 'eu-west-1', '--region', 'us-east-1'],
      { regions: ['eu-west-1', 'us-east-1'] },
    ],
    ['--all-regions', ['--all-regions'], { allRegions: true }],
    ['--mode revoke', ['--mode', 'revoke'], { mode: 'revoke' }],
    ['--mode narrow', ['--mode', 'narrow'], { mode: 'narrow' }],
    ['--mode replace-with-eic', ['--mode=replace-with-eic'], { mode: 'replace-with-eic' }],
    ['--format json', ['--format', 'json'], { format: 'json' }],
    ['--input FILE', ['--input', 'saved.json'], { input: 'saved.json' }],
    [
      '--input with --region for rules without an ARN',
      ['--input', 'saved.json', '--region', 'eu-west-2'],
      { input: 'saved.json', regions: ['eu-west-2'] },
    ],
    ['--profile NAME', ['--profile', 'audit'], { profile: 'audit' }],
  ])('%s', (_name, flags, expected) => {
    const parsed = scan(...flags);
    expect(parsed.kind).toBe('scan');
    expect(parsed.kind === 'scan' && parsed.options).toMatchObject(expected);
  });

  it.each([['--help'], ['-h'], ['scan', '--help']])('%s asks for help', (...argv) => {
    expect(parseScanArgs(argv)).toEqual({ kind: 'help' });
  });

  it.each<[string[], string]>([
    [[], 'missing command'],
    [['sweep'], "unknown command 'sweep'"],
    [['scan', 'extra'], "unexpected argument 'extra'"],
    [['scan', '--bogus'], 'unknown option --bogus'],
    [['scan', '--region'], "Option '--region <value>' argument missing"],
    [
      ['scan', '--mode', 'delete'],
      "--mode must be one of revoke, narrow, replace-with-eic, report, not 'delete'",
    ],
    [['scan', '--format', 'yaml'], "--format must be table or json, not 'yaml'"],
    [['scan', '--region', 'eu-west-1', '--all-regions'], '--region and --all-regions exclude each other'],
    [['scan', '--input', 'f.json', '--all-regions'], '--input is offline: --all-regions needs AWS'],
    [['scan', '--input', 'f.json', '--mode', 'revoke'], '--input is offline: --mode revoke needs AWS'],
    [['scan', '--input', 'f.json', '--profile', 'p'], '--input is offline: --profile needs AWS'],
  ])('%j is refused: %s', (argv, message) => {
    expect(parseScanArgs(argv)).toEqual({ kind: 'error', message });
  });
});
