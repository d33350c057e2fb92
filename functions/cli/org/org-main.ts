import { writeFile } from 'node:fs/promises';
import { ConfigError, loadPolicySettings, type PolicySettings } from '../../config/config.js';
import type { Log } from '../../log.js';
import type { Parsed } from '../../parse/json.js';
import type { CliIo } from '../main.js';
import { renderHtml } from '../render-html.js';
import { ORG_USAGE, type OrgScanOptions, parseOrgArgs } from './org-args.js';
import type { OrgConnection } from './org-aws.js';
import { orgProgressOn } from './org-progress.js';
import { ORG_EXIT, orgExitStatus, totalOrganisation } from './org-totals.js';
import { renderOrgJson, renderOrgTable } from './render-org-text.js';
import { type OrgScanResult, scanOrganisation } from './scan-organisation.js';

/** What the organisation scan reaches outside itself; tests pass an in-memory organisation. */
export interface OrgCliServices {
  readonly connectOrg: (
    options: { profile?: string; region?: string },
    log: Log,
  ) => Promise<Parsed<OrgConnection>>;
  readonly writeFile: (path: string, text: string) => Promise<void>;
  readonly now: () => Date;
  readonly newId: () => string;
}

export const DEFAULT_ORG_SERVICES: Omit<OrgCliServices, 'now' | 'newId'> = {
  // Loaded only when an organisation is scanned: other scans never pay for these clients.
  connectOrg: async (options, log) => (await import('./org-aws.js')).connectToOrganisation(options, log),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
};

/** `ssh-ingress-guard scan --org ...`: returns the exit status (ORG_EXIT). */
export async function mainOrg(argv: readonly string[], io: CliIo, services: OrgCliServices): Promise<number> {
  const args = parseOrgArgs(argv);
  if (args.kind === 'help') {
    io.stdout.write(ORG_USAGE);
    return ORG_EXIT.clean;
  }
  if (args.kind === 'error') return failWith(io, args.message, true);
  const { options } = args;
  let settings: PolicySettings;
  try {
    const loaded = loadPolicySettings(io.env);
    settings = {
      ...loaded,
      mode: 'report',
      sweep: {
        ...loaded.sweep,
        regionConcurrency: options.regionConcurrency ?? loaded.sweep.regionConcurrency,
      },
    };
  } catch (error) {
    if (error instanceof ConfigError) return failWith(io, error.message);
    throw error;
  }
  const log = stderrLog(io);
  const connection = await services.connectOrg(
    {
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.regions[0] && !io.env.AWS_REGION && !io.env.AWS_DEFAULT_REGION
        ? { region: options.regions[0] }
        : {}),
    },
    log,
  );
  if (!connection.ok) return failWith(io, connection.error);
  const progress = orgProgressOn(io.stderr);
  let result: OrgScanResult;
  try {
    result = await scanOrganisation(
      requestOf(options, connection.value.region, services.newId()),
      settings,
      connection.value.deps,
      progress.onProgress,
    );
  } catch (error) {
    return failWith(io, error instanceof Error ? error.message : String(error));
  } finally {
    progress.finish();
  }
  const totals = totalOrganisation(result);
  io.stdout.write(options.format === 'json' ? renderOrgJson(result, totals) : renderOrgTable(result, totals));
  if (options.html) {
    const html = renderHtml(result, totals, {
      generatedAt: services.now().toISOString(),
      role: options.role,
      watchedPorts: settings.policy.watchedPorts,
    });
    try {
      await services.writeFile(options.html, html);
    } catch (error) {
      return failWith(
        io,
        `cannot write ${options.html}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return orgExitStatus(totals);
}

function requestOf(options: OrgScanOptions, homeRegion: string, scanId: string) {
  return {
    role: {
      name: options.role,
      sessionName: 'ssh-ingress-guard-scan',
      ...(options.externalId ? { externalId: options.externalId } : {}),
    },
    accounts: { ...(options.accounts ? { only: options.accounts } : {}), exclude: options.excludeAccounts },
    ...(options.regions.length > 0 ? { regions: options.regions } : {}),
    homeRegion,
    accountConcurrency: options.accountConcurrency,
    scanId,
  };
}

function failWith(io: CliIo, message: string, withUsage = false): number {
  io.stderr.write(`ssh-ingress-guard: ${message}\n`);
  if (withUsage) io.stderr.write(`\n${ORG_USAGE}`);
  return ORG_EXIT.error;
}

function stderrLog(io: CliIo): Log {
  const line = (message: string) => io.stderr.write(`ssh-ingress-guard: ${message}\n`);
  return { debug() {}, info() {}, warn: line, error: line };
}
