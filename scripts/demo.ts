/**
 * `npm run demo`: the real handler code over every sample in events/, in report mode, against
 * in-memory fakes of the AWS ports (no account needed). Prints, per event, the verdict, the
 * planned action and the text a security team member would receive by email.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../functions/config/config.js';
import { makeEmrGuardHandler } from '../functions/handlers/emr-guard-handler.js';
import { makeGuardHandler } from '../functions/handlers/guard-handler.js';
import type { HandlerResult } from '../functions/handlers/result.js';
import { makeSweepHandler } from '../functions/handlers/sweep-handler.js';
import { silentLog } from '../functions/log.js';
import { seedEmrSamples } from '../test/support/emr-samples.js';
import { eventFiles, loadEvent, loadManifest } from '../test/support/events.js';
import { type InMemoryPublisher, inMemoryDeps, inMemoryEmrDeps } from '../test/support/in-memory-aws.js';
import { seedForEvent, seedSweepWorld } from '../test/support/sample-world.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ssh-ingress-guard-findings';
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
  readonly result: HandlerResult;
  readonly emails: string[];
  readonly planned: string[];
  /** Every SNS message the run published: subject, attributes and the parsed JSON body. */
  readonly published: { subject: string; attributes: Record<string, string>; body: unknown }[];
}
type Run = (event: unknown) => Promise<SampleRun>;

/** What a run shows: the handler's answer, the emails sent and the action each finding records. */
function shown(result: HandlerResult, publisher: InMemoryPublisher): SampleRun {
  const findings = publisher.documents().flatMap((d) => d.findings);
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
  seedForEvent(event, ec2For(String((event as { region?: string }).region)));
  return shown(await makeGuardHandler(config, deps, silentLog)(event), publisher);
};

/** The EMR guard, over an account holding the samples' clusters and their groups. */
const runEmrGuard: Run = async (event) => {
  const aws = inMemoryEmrDeps();
  seedEmrSamples(aws);
  return shown(await makeEmrGuardHandler(config, aws.deps, silentLog)(event), aws.publisher);
};

/** The scheduled sweep, over two regions holding what no event ever reported. */
const runSweep: Run = async (event) => {
  const { deps, ec2For, publisher } = inMemoryDeps();
  seedSweepWorld(ec2For);
  const swept = await makeSweepHandler(config, deps, silentLog)(event);
  const verdicts = { 'world-open': swept.violations ?? 0, review: swept.actions?.review ?? 0 };
  return shown(
    { status: swept.status, ...(swept.reason ? { reason: swept.reason } : {}), verdicts },
    publisher,
  );
};

/** Which handler receives an event, as the EventBridge rules in serverless.yml route it. */
function runnerFor(event: Record<string, unknown>): Run {
  if (event.source === 'aws.events') return runSweep;
  return event.source === 'aws.emr' || event.source === 'aws.elasticmapreduce' ? runEmrGuard : runGuard;
}

function verdictLine(result: HandlerResult): string {
  if (result.status !== 'handled') return paint(90, `${result.status}: ${result.reason ?? ''}`);
  const verdicts = Object.entries(result.verdicts ?? {});
  if (verdicts.length === 0) return paint(90, 'no rules to evaluate');
  return verdicts.map(([v, n]) => paint(VERDICT_COLOR[v] ?? 0, `${v} x${n}`)).join(', ');
}

/** One sample through the function its EventBridge pattern routes it to, as the demo shows it. */
export async function runSample(file: string, mode = 'report'): Promise<SampleRun> {
  config = configFor(mode);
  const event = loadEvent(file);
  return runnerFor(event)(event);
}

async function main(): Promise<void> {
  const notes = new Map(loadManifest().map((e) => [e.file, e.note]));
  let count = 0;
  for (const file of eventFiles().sort()) {
    const { result, emails, planned } = await runSample(file);
    count += 1;
    console.log(paint(1, `\n== ${file}`));
    console.log(`   ${notes.get(file) ?? ''}`);
    console.log(`   verdict: ${verdictLine(result)}`);
    console.log(
      `   planned: ${planned.length > 0 ? planned.join(', ') : 'nothing (no finding, no AWS call)'}`,
    );
    for (const email of emails) console.log(email.replace(/^/gm, '   | '));
  }
  console.log(`\n${count} sample events evaluated in report mode; nothing was changed.`);
}

// Imported by the snapshot test: run only when executed as the demo.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
