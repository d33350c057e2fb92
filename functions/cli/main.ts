import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError, loadPolicySettings, type PolicySettings } from '../config/config.js';
import { type FindingMessage, SCHEMA_VERSION } from '../core/finding.js';
import type { Trigger } from '../core/trigger.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { ok, type Parsed } from '../parse/json.js';
import { runSweep, type SweepResult } from '../pipeline/run-sweep.js';
import { parseScanArgs, type ScanOptions, USAGE } from './args.js';
import type { Connection } from './aws-connection.js';
import { readSavedRules } from './input-file.js';
import { offlineEc2 } from './offline-ec2.js';
import { progressOn, type TextSink } from './progress.js';
import { renderTable } from './render-table.js';

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What the CLI reaches outside itself; tests pass their own. */
export interface CliServices {
  readonly connect: (options: { profile?: string; region?: string }, log: Log) => Promise<Parsed<Connection>>;
  readonly readFile: (path: string) => Promise<string>;
  readonly now: () => Date;
  readonly newId: () => string;
}

export const EXIT = { clean: 0, violations: 1, error: 2 } as const;

const DEFAULT_SERVICES: CliServices = {
  // Loaded only for online scans: an offline scan never pays for the SDK.
  connect: async (options, log) => (await import('./aws-connection.js')).connectToAws(options, log),
  readFile: (path) => readFile(path, 'utf8'),
  now: () => new Date(),
  newId: randomUUID,
};

interface Target {
  readonly ec2For: Deps['ec2For'];
  readonly region: string;
  readonly account?: string;
  /** Undefined: every enabled region. */
  readonly regions?: readonly string[];
}

/** `ssh-ingress-guard scan ...`: the sweep's pipeline, printed instead of published. Returns the exit status. */
export async function main(argv: readonly string[], io: CliIo, services = DEFAULT_SERVICES): Promise<number> {
  const args = parseScanArgs(argv);
  if (args.kind === 'help') {
    io.stdout.write(USAGE);
    return EXIT.clean;
  }
  if (args.kind === 'error') return failWith(io, args.message, true);
  const { options } = args;
  let settings: PolicySettings;
  try {
    settings = { ...loadPolicySettings(io.env), mode: options.mode };
  } catch (error) {
    if (error instanceof ConfigError) return failWith(io, error.message);
    throw error;
  }
  const log = stderrLog(io.stderr);
  const target =
    options.input !== undefined
      ? await offline(options, io, services, log)
      : await online(options, services, log);
  if (!target.ok) return failWith(io, target.error, options.input !== undefined);
  const { ec2For, region, account, regions } = target.value;
  const trigger: Trigger = {
    kind: 'scan',
    eventName: 'scan',
    eventId: services.newId(),
    eventTime: services.now().toISOString(),
    account: account ?? 'unknown',
    region,
  };
  const deps: Deps = { ec2For, publisher: { publish: async () => {} }, now: services.now };
  const progress = progressOn(io.stderr);
  let result: SweepResult;
  try {
    result = await runSweep(trigger, settings, deps, {
      publish: false,
      ...(regions ? { regions } : {}),
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
  } catch (error) {
    return failWith(io, error instanceof Error ? error.message : String(error));
  } finally {
    progress.finish();
  }
  io.stdout.write(options.format === 'json' ? renderJson(result) : renderTable(result));
  if (result.totals.regionsFailed > 0) return EXIT.error;
  return result.totals.violations > 0 ? EXIT.violations : EXIT.clean;
}

async function offline(
  options: ScanOptions,
  io: CliIo,
  services: CliServices,
  log: Log,
): Promise<Parsed<Target>> {
  const path = options.input as string;
  let text: string;
  try {
    text = await services.readFile(path);
  } catch (error) {
    return {
      ok: false,
      error: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const fallback = options.regions[0] ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'unknown';
  const saved = readSavedRules(text, fallback);
  if (!saved.ok) return { ok: false, error: `${path}: ${saved.error}` };
  const { byRegion, account, skipped } = saved.value;
  if (skipped > 0)
    log.warn(`${skipped} entries of ${path} are not security group rules this tool understands; left out`);
  const regions = byRegion.size > 0 ? [...byRegion.keys()].sort() : [fallback];
  const ports = new Map(regions.map((r) => [r, offlineEc2(byRegion.get(r) ?? [], regions)]));
  return ok({
    ec2For: (r) => ports.get(r) ?? offlineEc2([], regions),
    region: regions[0] as string,
    regions,
    ...(account ? { account } : {}),
  });
}

async function online(options: ScanOptions, services: CliServices, log: Log): Promise<Parsed<Target>> {
  const connection = await services.connect(
    {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.regions[0] ? { region: options.regions[0] } : {}),
    },
    log,
  );
  if (!connection.ok) return connection;
  const { ec2For, region, account } = connection.value;
  const regions = options.allRegions ? undefined : options.regions.length > 0 ? options.regions : [region];
  return ok({ ec2For, region, ...(account ? { account } : {}), ...(regions ? { regions } : {}) });
}

/** The same document the guard publishes to SNS (`default`), so one schema serves both. */
function renderJson(result: SweepResult): string {
  const document: FindingMessage = {
    schemaVersion: SCHEMA_VERSION,
    product: 'ssh-ingress-guard',
    part: { index: 1, count: 1 },
    findings: [...result.findings, result.summary],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function failWith(io: CliIo, message: string, withUsage = false): number {
  io.stderr.write(`ssh-ingress-guard: ${message}\n`);
  if (withUsage) io.stderr.write(`\n${USAGE}`);
  return EXIT.error;
}

function stderrLog(stderr: TextSink): Log {
  const line = (message: string) => stderr.write(`ssh-ingress-guard: ${message}\n`);
  return { debug() {}, info() {}, warn: line, error: line };
}
