/**
 * `npm run demo`: the real handler code over every sample in events/, in report mode, against
 * in-memory fakes of the AWS ports (no account needed). Prints, per event, the verdict, the
 * planned action and the text a security team member would receive by email.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../functions/config/config.js';
import { makeEmrGuardHandler } from '../functions/handlers/emr-guard-handler.js';
import { makeGuardHandler } from '../functions/handlers/guard-handler.js';
import { makeHostPostureHandler } from '../functions/handlers/host-posture-handler.js';
import type { HandlerResult } from '../functions/handlers/result.js';
import { makeSweepHandler } from '../functions/handlers/sweep-handler.js';
import { silentLog } from '../functions/log.js';
import { readEnvelope } from '../functions/parse/envelope.js';
import { makeTamperHandler, type TamperResult } from '../functions/tamper/tamper-handler.js';
import { receiverOf } from '../functions/triggers/route-event.js';
import { seedEmrSamples } from '../test/support/emr-samples.js';
import { deliveriesFor, functionPatterns, stackRulePatterns } from '../test/support/event-routing.js';
import { eventFiles, loadEvent, loadManifest } from '../test/support/events.js';
import { postureOf } from '../test/support/host-posture.js';
import { InMemoryPublisher, inMemoryDeps, inMemoryEmrDeps } from '../test/support/in-memory-aws.js';
import { InMemoryHosts } from '../test/support/in-memory-hosts.js';
import { seedForEvent, seedSweepWorld } from '../test/support/sample-world.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ssh-ingress-guard-findings';
/** Lambda passes every invocation its context; the demo's function runs in the samples' account. */
const CONTEXT = {
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:ssh-ingress-guard-demo',
};
const configFor = (mode: string) => loadConfig({ TOPIC_ARN: TOPIC, REMEDIATION_MODE: mode });
let config = configFor('report');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const VERDICT_COLOR: Record<string, number> = {
  'world-open': 31,
  review: 33,
  compliant: 32,
  'not-applicable': 90,
};

export interface SampleRun {
  /** Which target received the sample, as the stack's EventBridge rules (or a relay) deliver it. */
  readonly deliveredTo: string;
  readonly result: HandlerResult | TamperResult;
  readonly emails: string[];
  readonly planned: string[];
  /** Every SNS message the run published: subject, attributes and the parsed JSON body. */
  readonly published: { subject: string; attributes: Record<string, string>; body: unknown }[];
}
type Run = (event: unknown) => Promise<Omit<SampleRun, 'deliveredTo'>>;

/** What a run shows: the handler's answer, the emails sent and the action each finding records. */
function shown(result: HandlerResult | TamperResult, publisher: InMemoryPublisher) {
  // Tamper alerts are one message each, not a list of findings.
  const findings = publisher.documents().flatMap((d) => d.findings ?? []);
  return {
    result,
    published: publisher.messages.map((m) => ({
      subject: m.subject,
      attributes: { ...m.attributes },
      body: JSON.parse(m.message),
    })),
    emails: publisher.messages.map((m) => `Subject: ${m.subject}\n${JSON.parse(m.message).email}`),
    planned: findings.map((f) => `${f.action.type} ${f.resource.ruleId ?? f.checkId}`.trim()),
  };
}

/** The EC2 guard; each event gets a fresh in-memory account seeded with what it describes. */
const runGuard: Run = async (event) => {
  const { deps, ec2For, publisher } = inMemoryDeps();
  // Seeded where the guard acts: the record's region (a relay may re-publish from another, or
  // forward the whole event as its detail: read as the guard reads it).
  const read = readEnvelope(event);
  const region = read.ok ? (read.detail?.awsRegion ?? read.envelope.region) : undefined;
  seedForEvent(event, ec2For(String(region)));
  return shown(await makeGuardHandler(config, deps, silentLog)(event, CONTEXT), publisher);
};

/** The EMR guard, over an account holding the samples' clusters and their groups. */
const runEmrGuard: Run = async (event) => {
  const aws = inMemoryEmrDeps();
  seedEmrSamples(aws);
  return shown(await makeEmrGuardHandler(config, aws.deps, silentLog)(event, CONTEXT), aws.publisher);
};

/** The scheduled sweep, over two regions holding what no event ever reported. */
const runSweep: Run = async (event) => {
  const { deps, ec2For, publisher } = inMemoryDeps();
  seedSweepWorld(ec2For);
  const swept = await makeSweepHandler(config, deps, silentLog)(event, CONTEXT);
  const verdicts = { 'world-open': swept.violations ?? 0, review: swept.actions?.review ?? 0 };
  return shown(
    { status: swept.status, ...(swept.reason ? { reason: swept.reason } : {}), verdicts },
    publisher,
  );
};

/** The host posture function, over the sample instance reporting root and password logins. */
const runHostPosture: Run = async (event) => {
  const publisher = new InMemoryPublisher();
  const id = 'i-0a1b2c3d4e5f60718';
  const hosts = new InMemoryHosts().add(
    { instanceId: id, groupIds: [] },
    postureOf(id, { PermitRootLogin: 'yes', PasswordAuthentication: 'yes' }),
  );
  const handler = makeHostPostureHandler(
    config,
    { postureFor: () => hosts, publisher, now: () => new Date('2026-11-21T10:05:00Z') },
    silentLog,
  );
  return shown(await handler(event, CONTEXT), publisher);
};

/** The tamper function, guarding the key and schedule the samples name (the stack sets them). */
const runTamper: Run = async (event) => {
  const publisher = new InMemoryPublisher();
  const guard = {
    keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    sweepSchedule: 'rate(6 hours)',
  };
  const metrics = { add() {}, addWith() {}, flush() {} };
  const result = await makeTamperHandler(guard, { publisher, metrics }, silentLog)(event);
  // One critical alert, published on the findings topic; the tamper function changes nothing.
  return { ...shown(result, publisher), planned: result.status === 'alerted' ? ['critical alert'] : [] };
};

const RUNNERS: Readonly<Record<string, Run>> = {
  guard: runGuard,
  emrGuard: runEmrGuard,
  sweep: runSweep,
  hostPosture: runHostPosture,
  'tamper-function': runTamper,
};

const FUNCTION_PATTERNS = functionPatterns();
const STACK_RULES = stackRulePatterns();

/**
 * Where the sample goes: the target the stack's EventBridge rules (serverless.yml, infra/event-patterns.json)
 * deliver it to; else the function the trigger registry names for its record, which is where a relay
 * re-publishing it must send it; else nowhere, and nothing runs.
 */
function deliveryOf(event: unknown): { readonly to: string; readonly run?: Run } {
  const target = deliveriesFor(event, FUNCTION_PATTERNS, STACK_RULES).find((t) => t in RUNNERS);
  if (target) return { to: target, run: RUNNERS[target] };
  const relayed = receiverOf(event);
  if (relayed)
    return {
      to: `${relayed} (no rule of the stack matches it; a relay would deliver it there)`,
      run: RUNNERS[relayed],
    };
  return { to: 'nothing: no rule of the stack matches it' };
}

const NOT_DELIVERED = {
  result: { status: 'ignored', reason: 'no EventBridge rule of the stack delivers it' },
  emails: [],
  planned: [],
  published: [],
} as const satisfies Omit<SampleRun, 'deliveredTo'>;

function verdictLine(result: HandlerResult | TamperResult): string {
  if (!('verdicts' in result) || result.status !== 'handled') {
    const why = result.reason ?? ('path' in result ? `on the ${result.path} path` : 'findings published');
    return paint(result.status === 'alerted' ? 31 : 90, `${result.status}: ${why}`);
  }
  const verdicts = Object.entries(result.verdicts ?? {});
  if (verdicts.length === 0) return paint(90, 'no rules to evaluate');
  return verdicts.map(([v, n]) => paint(VERDICT_COLOR[v] ?? 0, `${v} x${n}`)).join(', ');
}

/** One sample through the function its EventBridge pattern routes it to, as the demo shows it. */
export async function runSample(file: string, mode = 'report'): Promise<SampleRun> {
  config = configFor(mode);
  const event = loadEvent(file);
  const { to, run } = deliveryOf(event);
  return { deliveredTo: to, ...(run ? await run(event) : NOT_DELIVERED) };
}

async function main(): Promise<void> {
  const notes = new Map(loadManifest().map((e) => [e.file, e.note]));
  let count = 0;
  for (const file of eventFiles().sort()) {
    const { deliveredTo, result, emails, planned } = await runSample(file);
    count += 1;
    console.log(paint(1, `\n== ${file}`));
    console.log(`   ${notes.get(file) ?? ''}`);
    console.log(`   delivered to: ${deliveredTo}`);
    console.log(`   verdict: ${verdictLine(result)}`);
    console.log(
      `   planned: ${planned.length > 0 ? planned.join(', ') : 'nothing (no finding, no AWS call)'}`,
    );
    for (const email of emails) console.log(email.replace(/^/gm, '   | '));
  }
  console.log(
    `\n${count} sample events, each delivered as the stack's rules route it, in report mode; nothing was changed.`,
  );
}

// Imported by the snapshot test: run only when executed as the demo.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
