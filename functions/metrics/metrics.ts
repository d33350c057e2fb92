import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * CloudWatch metrics in the embedded metric format (EMF): Powertools prints one JSON line per flush
 * on stdout, and CloudWatch Logs turns it into metrics, so no PutMetricData call or permission is
 * needed. Dimension values are names from a closed set (triggers, verdicts, actions, tamper paths,
 * canary outcomes): never a request body, an ARN, an account id or anything a caller chooses freely.
 */
export const METRICS_NAMESPACE = 'SshIngressGuard';

export type MetricName =
  | 'EventsHandled'
  | 'RulesJudged'
  | 'Violations'
  | 'Actions'
  | 'FailedActions'
  | 'HandlerDuration'
  | 'HandlerErrors'
  | 'TamperAlerts'
  | 'CanaryRuns'
  | 'CanaryExposureWindow';

export type Unit = 'Count' | 'Milliseconds' | 'Seconds';

/** What the handlers need of a metrics client; Powertools Metrics fits it, tests pass a recorder. */
export interface MetricsPort {
  /** A datum under the function's default dimensions, printed at the next flush. */
  add(name: MetricName, unit: Unit, value: number): void;
  /** A datum with its own extra dimensions (e.g. `verdict`), printed at once on its own EMF line. */
  addWith(name: MetricName, unit: Unit, value: number, dimensions: Readonly<Record<string, string>>): void;
  /** Prints the stored data (one EMF line). */
  flush(): void;
}

const UNITS = {
  Count: MetricUnit.Count,
  Milliseconds: MetricUnit.Milliseconds,
  Seconds: MetricUnit.Seconds,
} as const satisfies Record<Unit, unknown>;

/** One client per function and cold start; `function` is a default dimension of every datum. */
export function createMetrics(functionName: string): MetricsPort {
  const metrics = new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: 'ssh-ingress-guard',
    defaultDimensions: { function: functionName },
  });
  return {
    add: (name, unit, value) => metrics.addMetric(name, UNITS[unit], value),
    addWith(name, unit, value, dimensions) {
      const single = metrics.singleMetric();
      single.addDimensions({ ...dimensions });
      single.addMetric(name, UNITS[unit], value);
    },
    flush: () => metrics.publishStoredMetrics(),
  };
}

/** Dimension values come from event fields: anything outside a plain name becomes `other`. */
export function toDimensionValue(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/.test(value) ? value : 'other';
}
