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
