type LogMethod = (message: string, ...extra: Record<string, unknown>[]) => void;

/** What the pipeline needs of a logger; Powertools Logger fits it, tests pass a silent or recording one. */
export interface Log {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
