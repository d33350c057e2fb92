import * as v from 'valibot';

/** The environment as loadConfig reads it. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A bad setting stops the function at cold start with the variable's name and the accepted form. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(variable: string, accepted: string, got: string) {
    super(`${variable}: expected ${accepted}, got ${JSON.stringify(got)}`);
  }
}

/** A variable's trimmed value; empty counts as unset, so a blank parameter means the default. */
export function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === '' ? undefined : raw;
}

/** One variable's schema over its text, and the accepted form a refusal names. */
export interface Setting<T> {
  readonly schema: v.GenericSchema<string, T>;
  readonly accepted: string;
}

/** Reads one variable through its schema: unset gives the fallback, anything unreadable stops. */
export function readSetting<T>(env: Env, name: string, setting: Setting<T>, fallback: T): T {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const result = v.safeParse(setting.schema, raw);
  if (!result.success) throw new ConfigError(name, setting.accepted, raw);
  return result.output;
}
