// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here are CloudFormation Fn::Sub variables
// What the functions print for CloudWatch: the embedded-format (EMF) lines, read back from stdout as
// CloudWatch Logs would, with their names, dimensions, units and values; and the dashboard reads
// exactly the metric names and dimension sets that are printed.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeCanaryHandler } from '../../functions/canary/canary-handler';
import { loadConfig } from '../../functions/config/config';
import { makeGuardHandler } from '../../functions/handlers/guard-handler';
import { silentLog } from '../../functions/log';
import { withMetrics } from '../../functions/metrics/handler-metrics';
import { createMetrics, METRICS_NAMESPACE } from '../../functions/metrics/metrics';
import { makeTamperHandler } from '../../functions/tamper/tamper-handler';
import { loadEvent } from '../support/events';
import { inMemoryDeps } from '../support/in-memory-aws';
import { loadPackagedStack, type Template } from '../support/packaged-stack';
import { seedForEvent } from '../support/sample-world';

interface EmfLine {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** Runs `act` and returns the EMF lines it printed on stdout. */
async function emfPrintedBy(act: () => Promise<unknown>): Promise<{ lines: EmfLine[]; raw: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await act().catch(() => undefined);
  } finally {
    spy.mockRestore();
  }
  const raw = chunks.join('');
  const lines = raw
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as EmfLine)
    .filter((l) => l._aws !== undefined);
  return { lines, raw };
}

/** name -> { value, unit, dimensions (name -> value) } for every datum of the lines. */
function data(lines: EmfLine[]) {
  return lines.flatMap((line) =>
    line._aws.CloudWatchMetrics.flatMap((m) =>
      m.Metrics.map((metric) => ({
        namespace: m.Namespace,
        name: metric.Name,
        unit: metric.Unit,
        value: line[metric.Name],
        dimensions: Object.fromEntries((m.Dimensions[0] ?? []).map((d) => [d, line[d]])),
      })),
    ),
  );
}

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:findings';
const SAMPLE = 'authorize-multi-source-one-world.json';

function guardHandler() {
  const event = loadEvent(SAMPLE);
  const { deps, ec2For } = inMemoryDeps();
  seedForEvent(event, ec2For(String(event.region)));
  const handler = makeGuardHandler(
    loadConfig({ TOPIC_ARN: TOPIC, REMEDIATION_MODE: 'revoke' }),
    deps,
    silentLog,
  );
  return { event, handler: withMetrics(handler, createMetrics('guard')) };
}

afterEach(() => vi.restoreAllMocks());

describe('the guard prints its metrics in the embedded metric format', () => {
  it('one event: handled by trigger, rules judged, violations by verdict, actions by type, failures, duration', async () => {
    const { event, handler } = guardHandler();
    let result: Awaited<ReturnType<typeof handler>> | undefined;
    const { lines } = await emfPrintedBy(async () => {
      result = await handler(event);
    });
    expect(result).toMatchObject({ status: 'handled', rulesEvaluated: 3, violations: 1 });
    const base = { service: 'ssh-ingress-guard', function: 'guard' };
    const printed = data(lines);
    expect(new Set(printed.map((d) => d.namespace))).toEqual(new Set([METRICS_NAMESPACE]));
    const without = printed.filter((d) => d.name !== 'HandlerDuration');
    expect(without).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'EventsHandled',
          unit: 'Count',
          value: 1,
          dimensions: { ...base, trigger: 'AuthorizeSecurityGroupIngress', status: 'handled' },
        }),
        expect.objectContaining({
          name: 'Violations',
          unit: 'Count',
          value: 1,
          dimensions: { ...base, verdict: 'world-open' },
        }),
        expect.objectContaining({
          name: 'Violations',
          unit: 'Count',
          value: 1,
          dimensions: { ...base, verdict: 'review' },
        }),
        expect.objectContaining({
          name: 'Actions',
          unit: 'Count',
          value: 1,
          dimensions: { ...base, action: 'revoked' },
        }),
        expect.objectContaining({ name: 'RulesJudged', unit: 'Count', value: 3, dimensions: base }),
        expect.objectContaining({ name: 'FailedActions', unit: 'Count', value: 0, dimensions: base }),
      ]),
    );
    // Compliant rules are judged, not violations.
    expect(printed.filter((d) => d.name === 'Violations' && d.dimensions.verdict === 'compliant')).toEqual(
      [],
    );
    const actions = printed.filter((d) => d.name === 'Actions');
    expect(Object.fromEntries(actions.map((d) => [d.dimensions.action, d.value]))).toEqual(result?.actions);
    const [duration] = printed.filter((d) => d.name === 'HandlerDuration');
    expect(duration).toMatchObject({ unit: 'Milliseconds', dimensions: base });
    expect(duration?.value).toBeGreaterThanOrEqual(0);
  });

  it('never prints the request: no address, group, rule, account or principal of the event', async () => {
    const { event, handler } = guardHandler();
    const { raw, lines } = await emfPrintedBy(() => handler(event));
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [
      '52.94.76.0',
      '0.0.0.0/0',
      '10.0.0.0/8',
      'sg-',
      'sgr-',
      '123456789012',
      'arn:aws',
      'alice',
      'AKIA',
    ])
      expect(raw).not.toContain(secret);
  });

  it('a handler that throws prints an error count and its duration, and the error still reaches Lambda', async () => {
    const failing = withMetrics(() => Promise.reject(new Error('EC2 down')), createMetrics('guard'));
    let thrown: unknown;
    const { lines } = await emfPrintedBy(() =>
      failing(loadEvent(SAMPLE)).catch((e) => {
        thrown = e;
      }),
    );
    expect((thrown as Error).message).toBe('EC2 down');
    expect(data(lines).map((d) => [d.name, d.value, d.dimensions.trigger])).toEqual(
      expect.arrayContaining([['HandlerErrors', 1, 'AuthorizeSecurityGroupIngress']]),
    );
  });

  it('a trigger name that is not a plain name becomes "other" (dimensions never carry free text)', async () => {
    const handler = withMetrics(async () => ({ status: 'ignored' }), createMetrics('guard'));
    const { lines } = await emfPrintedBy(() =>
      handler({ detail: { eventName: 'Authorize"}; DROP <script>' } }),
    );
    expect(data(lines).find((d) => d.name === 'EventsHandled')?.dimensions.trigger).toBe('other');
  });
});

/** Metric name -> sorted dimension names, as printed by every function. */
const printedSets = new Map<string, string>();
let body: Template;

describe('the dashboard reads what the functions print', () => {
  beforeAll(async () => {
    const { event, handler } = guardHandler();
    const tamper = withMetrics(
      makeTamperHandler(
        {
          keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
          sweepSchedule: 'rate(6 hours)',
        },
        { publisher: { publish: async () => {} }, metrics: createMetrics('tamper') },
        silentLog,
      ),
      createMetrics('tamper'),
    );
    let t = 0;
    const canaryMetrics = createMetrics('canary');
    let polls = 0;
    const canary = withMetrics(
      makeCanaryHandler(
        { groupId: 'sg-0c0ffee0c0ffee001', boundMs: 10_000, pollMs: 100 },
        {
          canary: {
            openProbe: async () => 'sgr-1',
            isProbeOpen: async () => ++polls < 3,
            closeProbe: async () => {},
          },
          clock: {
            now: () => t,
            sleep: async (ms) => {
              t += ms;
            },
          },
          metrics: canaryMetrics,
        },
        silentLog,
      ),
      canaryMetrics,
    );
    const failing = withMetrics(() => Promise.reject(new Error('x')), createMetrics('guard'));
    const { lines } = await emfPrintedBy(async () => {
      await handler(event);
      await tamper(loadEvent('tamper-kms-disable-key.json'));
      await canary({});
      await failing({}).catch(() => undefined);
    });
    for (const d of data(lines)) printedSets.set(d.name, Object.keys(d.dimensions).sort().join(','));
    body = JSON.parse(dashboardBody((await loadPackagedStack()).template));
  }, 120_000);

  it('every metric the issue asks for is printed', () => {
    expect([...printedSets.keys()].sort()).toEqual(
      [
        'Actions',
        'CanaryExposureWindow',
        'CanaryRuns',
        'EventsHandled',
        'FailedActions',
        'HandlerDuration',
        'HandlerErrors',
        'RulesJudged',
        'TamperAlerts',
        'Violations',
      ].sort(),
    );
  });

  it('each printed metric has a dashboard widget searching its exact dimension set', () => {
    const searches: string[] = body.widgets.flatMap((w: Template) =>
      w.properties.metrics.flat().map((m: Template) => m.expression),
    );
    const searched = new Map(
      searches.map((s) => {
        const [, dims, name] = /^SEARCH\('\{SshIngressGuard,([^}]*)\} MetricName="(\w+)"/.exec(s) ?? [];
        return [name, (dims ?? '').split(',').sort().join(',')];
      }),
    );
    expect(Object.fromEntries(searched)).toEqual(Object.fromEntries(printedSets));
  });

  it('the canary window widget marks the configured bound', () => {
    const canary = body.widgets.find((w: Template) =>
      w.properties.title.startsWith('Canary exposure window'),
    );
    expect(canary.properties.annotations.horizontal).toEqual([{ label: 'bound', value: 300 }]);
  });
});

/** The dashboard's JSON with the region filled in, as CloudFormation would. */
function dashboardBody(template: Template): string {
  const [, dashboard] =
    Object.entries<Template>(template.Resources).find(([, r]) => r.Type === 'AWS::CloudWatch::Dashboard') ??
    [];
  const sub = dashboard?.Properties.DashboardBody['Fn::Sub'];
  return String(sub).replaceAll('${AWS::Region}', 'eu-west-1');
}
