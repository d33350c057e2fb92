import { type ParsedCommand, readScanWords, SCAN_FLAGS } from '../command-line.js';
import { parseAccountIds } from './account-selection.js';

/** The role infra/scan-role.yml's StackSet creates in every account of the organisation (docs/org-scan.md). */
export const DEFAULT_SCAN_ROLE = 'ssh-ingress-guard-scan';

export interface OrgScanOptions {
  readonly role: string;
  readonly externalId?: string;
  readonly accounts?: readonly string[];
  readonly excludeAccounts: readonly string[];
  /** Empty: every region enabled in each account. */
  readonly regions: readonly string[];
  readonly accountConcurrency: number;
  readonly regionConcurrency?: number;
  readonly format: 'table' | 'json';
  readonly html?: string;
  readonly profile?: string;
}

export type ParsedOrgArgs = ParsedCommand<'org', OrgScanOptions>;

export const ORG_USAGE = `Usage: ssh-ingress-guard scan --org [options]

Reads every active account of the AWS Organization with the guard's policy, read-only, from the
management account or a delegated security account, and reports what the guard would do.

  --role NAME                 role to assume in each account (default ${DEFAULT_SCAN_ROLE}, infra/scan-role.yml)
  --external-id ID            ExternalId the role's trust policy asks for
  --accounts IDS              only these accounts (comma-separated, repeatable)
  --exclude-accounts IDS      never these accounts
  --regions LIST              only these regions (comma-separated; --region R also works); default:
                              each account's enabled regions
  --account-concurrency N     accounts read at once (default 4, 1-32)
  --region-concurrency N      regions read at once per account (default SWEEP_REGION_CONCURRENCY or 4)
  --format FORMAT             table (default) | json
  --html PATH                 also write a self-contained HTML report to PATH
  --profile NAME              AWS profile of the scanning identity
  -h, --help                  show this help

Exit status: 0 everything read, nothing world-open; 1 everything read, world-open rules found;
2 the scan could not run (bad usage, no credentials, the account list unreadable); 3 some account or
region could not be read (each is listed with its reason).
`;

/** The scan's options and the organisation's own, read strictly: anything else is an error naming it. */
const FLAGS = {
  ...SCAN_FLAGS,
  org: { type: 'boolean' },
  role: { type: 'string' },
  'external-id': { type: 'string' },
  accounts: { type: 'string', multiple: true },
  'exclude-accounts': { type: 'string', multiple: true },
  regions: { type: 'string', multiple: true },
  'account-concurrency': { type: 'string' },
  'region-concurrency': { type: 'string' },
  html: { type: 'string' },
} as const;

const NUMBER = /^\d+$/;

export function parseOrgArgs(argv: readonly string[]): ParsedOrgArgs {
  const words = readScanWords(argv, FLAGS, ' with --org');
  if (words.kind !== 'words') return words;
  const { values } = words;
  if (values.mode !== undefined && values.mode !== 'report')
    return {
      kind: 'error',
      message: `--org is read-only: it reports what every mode would do, so --mode ${values.mode} does not apply`,
    };
  if (values.input !== undefined)
    return { kind: 'error', message: '--org reads AWS: --input does not apply' };
  if (values['all-regions'] && (values.regions ?? values.region))
    return { kind: 'error', message: '--regions and --all-regions exclude each other' };
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json')
    return { kind: 'error', message: `--format must be table or json, not '${format}'` };
  const only = values.accounts ? parseAccountIds(values.accounts, '--accounts') : undefined;
  if (only && !only.ok) return { kind: 'error', message: only.error };
  const exclude = parseAccountIds(values['exclude-accounts'] ?? [], '--exclude-accounts');
  if (!exclude.ok) return { kind: 'error', message: exclude.error };
  const regions = [...(values.regions ?? []), ...(values.region ?? [])]
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const badRegion = regions.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(r));
  if (badRegion !== undefined)
    return { kind: 'error', message: `--regions takes region names such as eu-west-1, not '${badRegion}'` };
  const accountConcurrency = bounded(values['account-concurrency'], '--account-concurrency', 4);
  if (typeof accountConcurrency === 'string') return { kind: 'error', message: accountConcurrency };
  const regionConcurrency =
    values['region-concurrency'] === undefined
      ? undefined
      : bounded(values['region-concurrency'], '--region-concurrency', 4);
  if (typeof regionConcurrency === 'string') return { kind: 'error', message: regionConcurrency };
  if (values.role !== undefined && !/^[\w+=,.@/-]{1,512}$/.test(values.role))
    return {
      kind: 'error',
      message: `--role takes an IAM role name (optionally with its path), not '${values.role}'`,
    };
  return {
    kind: 'org',
    options: {
      role: values.role ?? DEFAULT_SCAN_ROLE,
      ...(values['external-id'] !== undefined ? { externalId: values['external-id'] } : {}),
      ...(only ? { accounts: only.value } : {}),
      excludeAccounts: exclude.value,
      regions: [...new Set(regions)],
      accountConcurrency,
      ...(regionConcurrency !== undefined ? { regionConcurrency } : {}),
      format,
      ...(values.html !== undefined ? { html: values.html } : {}),
      ...(values.profile !== undefined ? { profile: values.profile } : {}),
    },
  };
}

function bounded(raw: string | undefined, flag: string, fallback: number): number | string {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!NUMBER.test(raw) || n < 1 || n > 32) return `${flag} takes a whole number from 1 to 32, not '${raw}'`;
  return n;
}
