import type { Deps } from '../deps.js';
import type { Log } from '../log.js';
import { ok, type Parsed } from '../parse/json.js';
import type { ScanOptions } from './args.js';
import type { Connection } from './aws-connection.js';
import { readSavedRules } from './input-file.js';
import { offlineEc2 } from './offline-ec2.js';

/** Where a scan reads from: EC2 ports per region, the home region, and which regions to sweep. */
export interface ScanTarget {
  readonly ec2For: Deps['ec2For'];
  readonly region: string;
  readonly account?: string;
  /** Undefined: every enabled region. */
  readonly regions?: readonly string[];
}

/** --input: the saved rules, by the region in their ARNs (rules without one: --region or AWS_REGION). */
export async function offlineTarget(
  options: ScanOptions,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => Promise<string>,
  log: Log,
): Promise<Parsed<ScanTarget>> {
  const path = options.input as string;
  let text: string;
  try {
    text = await readFile(path);
  } catch (error) {
    return {
      ok: false,
      error: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const fallback = options.regions[0] ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'unknown';
  const saved = readSavedRules(text, fallback);
  if (!saved.ok) return { ok: false, error: `${path}: ${saved.error}` };
  const { byRegion, account, skipped, repeated } = saved.value;
  if (skipped > 0)
    log.warn(`${skipped} entries of ${path} are not security group rules this tool understands; left out`);
  if (repeated > 0)
    log.warn(`${repeated} entries of ${path} repeat a rule read before; each rule counted once`);
  const regions = byRegion.size > 0 ? [...byRegion.keys()].sort() : [fallback];
  const ports = new Map(regions.map((r) => [r, offlineEc2(byRegion.get(r) ?? [], regions)]));
  return ok({
    ec2For: (r) => ports.get(r) ?? offlineEc2([], regions),
    region: regions[0] as string,
    regions,
    ...(account ? { account } : {}),
  });
}

/** AWS: the regions given, every enabled one (--all-regions), or the configured one. */
export async function onlineTarget(
  options: ScanOptions,
  connect: (options: { profile?: string; region?: string }, log: Log) => Promise<Parsed<Connection>>,
  log: Log,
): Promise<Parsed<ScanTarget>> {
  const connection = await connect(
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
