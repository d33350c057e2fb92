import { parseArgs } from 'node:util';
import { REMEDIATION_MODES, type RemediationMode } from '../core/policy/policy-config.js';

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

export type ParsedArgs =
  | { readonly kind: 'scan'; readonly options: ScanOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

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
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { kind: 'error', message: firstSentence(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...extra] = positionals;
  if (command !== 'scan')
    return { kind: 'error', message: command ? `unknown command '${command}'` : 'missing command' };
  if (extra.length > 0) return { kind: 'error', message: `unexpected argument '${extra[0]}'` };
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

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      region: { type: 'string', multiple: true },
      'all-regions': { type: 'boolean' },
      mode: { type: 'string' },
      format: { type: 'string' },
      input: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** node:util's messages run on with advice about '--'; the first sentence says what is wrong. */
function firstSentence(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(text);
  if (unknown) return `unknown option ${unknown[1]}`;
  return (text.split(/\.\s/)[0] ?? text).replace(/\.$/, '');
}
