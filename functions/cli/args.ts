import { REMEDIATION_MODES, type RemediationMode } from '../core/policy/policy-config.js';
import { type ParsedCommand, readScanWords, SCAN_FLAGS } from './command-line.js';

export interface ScanOptions {
  /** Regions to scan; empty means the configured region (or every enabled one with allRegions). */
  readonly regions: readonly string[];
  readonly allRegions: boolean;
  readonly mode: RemediationMode;
  readonly format: 'table' | 'json';
  /** A saved `aws ec2 describe-security-group-rules` output, evaluated offline. */
  readonly input?: string;
  readonly profile?: string;
}

export type ParsedArgs = ParsedCommand<'scan', ScanOptions>;

export const USAGE = `Usage: ssh-ingress-guard scan [options]

Finds security group rules that open SSH to the internet, with the same policy as the deployed guard.

  --region REGION       scan this region (repeatable); default: the configured region
  --all-regions         scan every region enabled for the account
  --mode MODE           report (default) | revoke | narrow | replace-with-eic
  --format FORMAT       table (default) | json (the finding documents the guard publishes)
  --input FILE          evaluate a saved 'aws ec2 describe-security-group-rules' output, offline
  --profile NAME        AWS profile (default: the standard credential chain)
  --org                 scan every account of the AWS Organization (see scan --org --help)
  -h, --help            show this help

Policy comes from the guard's variables: WATCHED_PORTS, TRUSTED_CIDRS, WORLD_PREFIX_IPV4,
WORLD_PREFIX_IPV6, REMEDIATE_PUBLIC_SOURCES, EXEMPTIONS, SWEEP_REGION_CONCURRENCY.
Exit status: 0 nothing world-open, 1 violations found, 2 error (bad usage, unreadable input,
a region that could not be scanned).
`;

const FORMATS = ['table', 'json'] as const;

/** The command line → options, or one line saying what is wrong. */
export function parseScanArgs(argv: readonly string[]): ParsedArgs {
  const words = readScanWords(argv, SCAN_FLAGS);
  if (words.kind !== 'words') return words;
  const { values } = words;
  const mode = values.mode ?? 'report';
  if (!(REMEDIATION_MODES as readonly string[]).includes(mode))
    return { kind: 'error', message: `--mode must be one of ${REMEDIATION_MODES.join(', ')}, not '${mode}'` };
  const format = values.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format))
    return { kind: 'error', message: `--format must be table or json, not '${format}'` };
  const regions = values.region ?? [];
  if (values['all-regions'] && regions.length > 0)
    return { kind: 'error', message: '--region and --all-regions exclude each other' };
  if (values.input !== undefined) {
    if (values['all-regions'])
      return { kind: 'error', message: '--input is offline: --all-regions needs AWS' };
    if (mode !== 'report') return { kind: 'error', message: `--input is offline: --mode ${mode} needs AWS` };
    if (values.profile !== undefined)
      return { kind: 'error', message: '--input is offline: --profile needs AWS' };
  }
  return {
    kind: 'scan',
    options: {
      regions,
      allRegions: values['all-regions'] ?? false,
      mode: mode as RemediationMode,
      format: format as ScanOptions['format'],
      ...(values.input !== undefined ? { input: values.input } : {}),
      ...(values.profile !== undefined ? { profile: values.profile } : {}),
    },
  };
}
