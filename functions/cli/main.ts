import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ConfigError, loadPolicySettings, type PolicySettings } from '../config/config.js';
import { type FindingMessage, SCHEMA_VERSION } from '../core/findings/finding.js';
import type { Trigger } from '../core/model/trigger.js';
import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import type { Parsed } from '../parse/json.js';
import { runSweep, type SweepResult } from '../pipeline/run-sweep.js';
import { parseScanArgs, USAGE } from './args.js';
import type { Connection } from './aws-connection.js';
import { progressOn, type TextSink } from './progress.js';
import { renderTable } from './render-table.js';
import { offlineTarget, onlineTarget } from './scan-target.js';

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

/** `ssh-ingress-guard scan ...`: the sweep's pipeline, printed instead of published. Returns the exit status. */
export async function main(argv: readonly string[], io: CliIo, services = DEFAULT_SERVICES): Promise<number> {
  const args = parseScanArgs(argv);
  if (args.kind === 'help') {
    io.stdout.write(USAGE);
    return EXIT.clean;
  }
  if (args.kind === 'error') return failWith(io, args.message, 'with-usage');
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
      ? await offlineTarget(options, io.env, services.readFile, log)
      : await onlineTarget(options, services.connect, log);
  if (!target.ok) return failWith(io, target.error);
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

/**
 * One line, whatever the message holds: V8's JSON errors quote the offending text, newlines and all.
 * The usage follows only a bad command line; it says nothing about a bad file or setting.
 */
function failWith(io: CliIo, message: string, usage: 'with-usage' | 'alone' = 'alone'): number {
  io.stderr.write(`ssh-ingress-guard: ${oneLine(message)}\n`);
  if (usage === 'with-usage') io.stderr.write(`\n${USAGE}`);
  return EXIT.error;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

function stderrLog(stderr: TextSink): Log {
  const line = (message: string) => stderr.write(`ssh-ingress-guard: ${oneLine(message)}\n`);
  return { debug() {}, info() {}, warn: line, error: line };
}
