/**
 * Organisation scan benchmark: an organisation (by default 100 accounts x 4 regions x 1,000 rules)
 * served by the loopback AWS fake (test/support/fake-aws) with a fixed latency on every call, scanned
 * by the real `scan --org` code: SDK clients for Organizations, STS and EC2 over HTTP, one role
 * assumed per account, the sweep's pipeline per region. Prints wall time, CPU time and the calls made
 * against the count they must equal. `npx tsx scripts/bench-org-scan.ts [--accounts N ...]`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SCAN_ROLE } from '../functions/cli/org/org-args.js';
import { connectToOrganisation } from '../functions/cli/org/org-aws.js';
import { totalOrganisation } from '../functions/cli/org/org-totals.js';
import { scanOrganisation } from '../functions/cli/org/scan-organisation.js';
import { loadPolicySettings } from '../functions/config/config.js';
import { silentLog } from '../functions/log.js';
import { type RegionState, startFakeAws } from '../test/support/fake-aws/index.js';

export interface OrgScanBenchmarkOptions {
  readonly accounts?: number;
  readonly regions?: number;
  readonly rulesPerRegion?: number;
  readonly latencyMs?: number;
  readonly accountConcurrency?: number;
  readonly regionConcurrency?: number;
}

export interface OrgScanBenchmark {
  readonly accounts: number;
  readonly regions: number;
  readonly rulesPerRegion: number;
  readonly latencyMs: number;
  readonly accountConcurrency: number;
  readonly regionConcurrency: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rulesJudged: number;
  readonly findings: number;
  /** Calls the fake received, by action. */
  readonly callsByAction: Readonly<Record<string, number>>;
  readonly apiCalls: number;
  /** ListAccounts pages + per account: AssumeRole, DescribeRegions, one page per 1,000 rules per region. */
  readonly expectedApiCalls: number;
  /** What the scan itself counted (must equal the calls on the wire: no throttling here). */
  readonly countedApiCalls: number;
}

const REGION_NAMES = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'sa-east-1', 'eu-central-1', 'us-west-2'];

/**
 * The fake runs in its own process, as a remote endpoint would: its XML rendering does not share the
 * scanner's event loop or CPU, so the wall time is the scanner's.
 */
export async function runOrgScanBenchmark(options: OrgScanBenchmarkOptions = {}): Promise<OrgScanBenchmark> {
  const {
    accounts = 100,
    regions = 4,
    rulesPerRegion = 1_000,
    latencyMs = 20,
    accountConcurrency = 8,
    regionConcurrency = 4,
  } = options;
  const regionNames = REGION_NAMES.slice(0, regions);
  const server = fork(
    fileURLToPath(import.meta.url),
    ['--serve', JSON.stringify({ accounts, regionNames, rulesPerRegion, latencyMs })],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const saved = { ...process.env };
  try {
    const { url } = await reply<{ url: string }>(server, undefined);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: url,
      AWS_ACCESS_KEY_ID: 'AKIDFAKEAWS',
      AWS_SECRET_ACCESS_KEY: 'fake-aws-secret',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    const connection = await connectToOrganisation({ region: regionNames[0] as string }, silentLog);
    if (!connection.ok) throw new Error(connection.error);
    const settings = loadPolicySettings({ SWEEP_REGION_CONCURRENCY: String(regionConcurrency) });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await scanOrganisation(
      {
        role: { name: DEFAULT_SCAN_ROLE, sessionName: 'bench' },
        accounts: { exclude: [] },
        homeRegion: regionNames[0] as string,
        accountConcurrency,
        scanId: 'bench',
      },
      settings,
      connection.value.deps,
    );
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const totals = totalOrganisation(result);
    if (totals.unreadable.length > 0) throw new Error(`unreadable: ${JSON.stringify(totals.unreadable[0])}`);
    const { callsByAction } = await reply<{ callsByAction: Record<string, number> }>(server, 'calls');
    const pages = Math.max(1, Math.ceil(rulesPerRegion / 1000));
    return {
      accounts,
      regions,
      rulesPerRegion,
      latencyMs,
      accountConcurrency,
      regionConcurrency,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      rulesJudged: totals.rules,
      findings: totals.findings,
      callsByAction,
      apiCalls: Object.values(callsByAction).reduce((a, b) => a + b, 0),
      expectedApiCalls: Math.ceil(accounts / 20) + accounts * (1 + 1 + regions * pages),
      countedApiCalls: totals.apiCalls,
    };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    server.kill();
  }
}

/** Sends `ask` (or nothing) and waits for the server's next message. */
function reply<T>(child: ChildProcess, ask: string | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the fake's process ended (${code})`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
    if (ask) child.send(ask);
  });
}

/** The child: seeds the organisation, adds the latency, serves until killed, and reports its calls. */
async function serve(spec: {
  accounts: number;
  regionNames: string[];
  rulesPerRegion: number;
  latencyMs: number;
}) {
  const fake = await startFakeAws({ regions: spec.regionNames });
  for (let a = 0; a < spec.accounts; a++) {
    const id = String(300_000_000_000 + a);
    const state = fake.org.addAccount({ id, roles: [DEFAULT_SCAN_ROLE], regions: spec.regionNames });
    for (const region of spec.regionNames) seedRegion(state.region(region), spec.rulesPerRegion);
  }
  // Every call waits the same, as a remote endpoint would.
  fake.faults.add({ kind: 'delay', ms: spec.latencyMs });
  process.on('message', () => {
    const callsByAction: Record<string, number> = {};
    for (const call of fake.calls) callsByAction[call.action] = (callsByAction[call.action] ?? 0) + 1;
    process.send?.({ callsByAction });
  });
  process.send?.({ url: fake.url });
}

/** Ten rules a group: one world-open SSH rule in every 100th group, a public /32 for review in every 20th, the rest private. */
function seedRegion(region: RegionState, rules: number): void {
  for (let g = 0; g * 10 < rules; g++) {
    const group = region.addGroup();
    for (let r = 0; r < 10 && g * 10 + r < rules; r++) {
      const source =
        r === 0 && g % 100 === 0
          ? '0.0.0.0/0'
          : r === 1 && g % 20 === 0
            ? `54.${g % 200}.${g % 250}.1/32`
            : `10.${g % 256}.${r}.0/24`;
      region.addRule({
        GroupId: group.GroupId,
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        CidrIpv4: source,
      });
    }
  }
}

/** Markdown rows `| figure | value |` for BENCHMARKS.md. */
export function orgScanRows(b: OrgScanBenchmark): [string, string][] {
  const n = (value: number) => value.toLocaleString('en-US');
  const calls = Object.entries(b.callsByAction)
    .map(([action, count]) => `${action} ${n(count)}`)
    .join(', ');
  return [
    [
      'organisation',
      `${n(b.accounts)} accounts x ${b.regions} regions x ${n(b.rulesPerRegion)} rules; ${b.latencyMs} ms per call (loopback fake, real SDK)`,
    ],
    ['concurrency', `${b.accountConcurrency} accounts, ${b.regionConcurrency} regions per account`],
    ['scan wall time', `${n(b.wallMs)} ms (${n(Math.round(b.rulesJudged / (b.wallMs / 1000)))} rules/s)`],
    ['scan CPU time', `${n(b.cpuMs)} ms`],
    ['rules judged, findings', `${n(b.rulesJudged)}, ${n(b.findings)}`],
    [
      'AWS calls',
      `${n(b.apiCalls)} (the minimum: ${n(b.expectedApiCalls)}; counted by the scan: ${n(b.countedApiCalls)}); ${calls}`,
    ],
  ];
}

/** The BENCHMARKS.md section `npm run bench` appends. */
export function orgScanSection(b: OrgScanBenchmark): string {
  return [
    '## Organisation scan',
    '',
    'scripts/bench-org-scan.ts: `scan --org` code (real SDK clients, one role assumed per account, the',
    "sweep's pipeline per region) against the loopback fake in its own process, every call delayed the same.",
    'The wall time includes the fake rendering every page of rules; the CPU time is the scanner alone.',
    '',
    '| figure | value |',
    '|---|---|',
    ...orgScanRows(b).map(([k, v]) => `| ${k} | ${v} |`),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--serve') {
  await serve(JSON.parse(process.argv[3] as string));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string' },
      regions: { type: 'string' },
      rules: { type: 'string' },
      'latency-ms': { type: 'string' },
      'account-concurrency': { type: 'string' },
    },
  });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const figures = await runOrgScanBenchmark({
    ...(values.accounts ? { accounts: num(values.accounts) } : {}),
    ...(values.regions ? { regions: num(values.regions) } : {}),
    ...(values.rules ? { rulesPerRegion: num(values.rules) } : {}),
    ...(values['latency-ms'] ? { latencyMs: num(values['latency-ms']) } : {}),
    ...(values['account-concurrency'] ? { accountConcurrency: num(values['account-concurrency']) } : {}),
  });
  console.log(JSON.stringify(figures, null, 2));
  console.log(
    ['| figure | value |', '|---|---|', ...orgScanRows(figures).map(([k, v]) => `| ${k} | ${v} |`)].join(
      '\n',
    ),
  );
}
