import { parseCidr } from '../core/cidr.js';
import { expiryInstant } from '../core/exemptions.js';
import {
  DEFAULT_WATCHED_PORTS,
  DEFAULT_WORLD_PREFIX,
  type Exemption,
  type PolicyConfig,
  REMEDIATION_MODES,
  type RemediationMode,
  type TrustedCidr,
} from '../core/policy-config.js';

export interface Config {
  readonly topicArn: string;
  readonly mode: RemediationMode;
  readonly policy: PolicyConfig;
  readonly sweep: {
    /** Regions swept at the same time: bounded, so one account's EC2 API rate is not exhausted. */
    readonly regionConcurrency: number;
  };
}

/** The settings the scan CLI shares with the Lambda: everything but where findings are published. */
export type PolicySettings = Omit<Config, 'topicArn'>;

/** A bad setting stops the function at cold start with the variable's name and the accepted form. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(variable: string, accepted: string, got: string) {
    super(`${variable}: expected ${accepted}, got ${JSON.stringify(got)}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates every setting once; the result is frozen and passed down. */
export function loadConfig(env: Env): Config {
  const topicArn = required(
    env,
    'TOPIC_ARN',
    /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/,
    'an SNS topic ARN',
  );
  return deepFreeze({ topicArn, ...loadPolicySettings(env) });
}

/** The same variables, validated the same way, for tools that publish nowhere (the scan CLI). */
export function loadPolicySettings(env: Env): PolicySettings {
  const mode = oneOf(env, 'REMEDIATION_MODE', REMEDIATION_MODES, 'revoke');
  const watchedPorts = ports(env, 'WATCHED_PORTS');
  const worldPrefix = {
    4: integer(env, 'WORLD_PREFIX_IPV4', 0, 32, DEFAULT_WORLD_PREFIX[4]),
    6: integer(env, 'WORLD_PREFIX_IPV6', 0, 128, DEFAULT_WORLD_PREFIX[6]),
  };
  const trustedCidrs = trusted(env, 'TRUSTED_CIDRS', worldPrefix);
  const remediatePublicSources = bool(env, 'REMEDIATE_PUBLIC_SOURCES', false);
  const exemptions = parseExemptions(env, 'EXEMPTIONS');
  const regionConcurrency = integer(env, 'SWEEP_REGION_CONCURRENCY', 1, 32, 4);
  return deepFreeze({
    mode,
    policy: { watchedPorts, trustedCidrs, worldPrefix, remediatePublicSources, exemptions },
    sweep: { regionConcurrency },
  });
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === '' ? undefined : raw;
}

function required(env: Env, name: string, pattern: RegExp, accepted: string): string {
  const raw = value(env, name);
  if (!raw || !pattern.test(raw)) throw new ConfigError(name, accepted, raw ?? '');
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new ConfigError(name, `one of ${allowed.join(', ')}`, raw);
  return raw as T;
}

function integer(env: Env, name: string, min: number, max: number, fallback: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, raw);
  }
  return Number(raw);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, 'true or false', raw);
  return raw === 'true';
}

function ports(env: Env, name: string): number[] {
  const raw = value(env, name);
  if (raw === undefined) return [...DEFAULT_WATCHED_PORTS];
  const list = raw.split(',').map((p) => p.trim());
  if (list.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 65535)) {
    throw new ConfigError(name, 'comma-separated TCP ports from 1 to 65535, e.g. "22,2222"', raw);
  }
  return [...new Set(list.map(Number))].sort((a, b) => a - b);
}

function trusted(env: Env, name: string, worldPrefix: Record<4 | 6, number>): TrustedCidr[] {
  const raw = value(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((text) => {
    const cidr = parseCidr(text.trim());
    if (!cidr)
      throw new ConfigError(
        name,
        'comma-separated IPv4/IPv6 CIDRs, e.g. "198.51.100.0/24,2001:db8::/48"',
        text,
      );
    // Trusting a world-sized range would switch the guard off for it: refuse rather than obey.
    if (cidr.prefix <= worldPrefix[cidr.family]) {
      throw new ConfigError(
        name,
        `CIDRs narrower than the world bound /${worldPrefix[cidr.family]}`,
        text.trim(),
      );
    }
    return { text: text.trim(), cidr };
  });
}

const EXEMPTION_FORM =
  'a JSON array of {"groupId":"sg-...","cidr"?:"203.0.113.0/24","reason":"...","expires":"YYYY-MM-DD","approvedBy"?:"..."}';

function parseExemptions(env: Env, name: string): Exemption[] {
  const raw = value(env, name);
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, EXEMPTION_FORM, raw);
  }
  if (!Array.isArray(parsed)) throw new ConfigError(name, EXEMPTION_FORM, raw);
  return parsed.map((entry, index) => toExemption(entry, `${name}[${index}]`));
}

function toExemption(entry: unknown, where: string): Exemption {
  const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const shown = JSON.stringify(entry);
  const text = (key: string) =>
    typeof e[key] === 'string' && (e[key] as string).trim() !== '' ? (e[key] as string).trim() : undefined;
  const groupId = text('groupId');
  const reason = text('reason');
  const expires = text('expires');
  const cidr = text('cidr');
  const approvedBy = text('approvedBy');
  if (!groupId || !/^sg-[0-9a-f]{8,17}$/.test(groupId))
    throw new ConfigError(where, 'groupId like "sg-0123456789abcdef0"', shown);
  if (!reason) throw new ConfigError(where, 'a non-empty "reason"', shown);
  if (!expires || Number.isNaN(expiryInstant(expires)))
    throw new ConfigError(where, '"expires" as an ISO date, e.g. "2026-12-31"', shown);
  if (cidr !== undefined && !parseCidr(cidr))
    throw new ConfigError(where, '"cidr" as an IPv4/IPv6 CIDR', shown);
  const unknown = Object.keys(e).filter(
    (k) => !['groupId', 'cidr', 'reason', 'expires', 'approvedBy'].includes(k),
  );
  if (unknown.length > 0)
    throw new ConfigError(
      where,
      `only groupId, cidr, reason, expires, approvedBy (not ${unknown.join(', ')})`,
      shown,
    );
  return { groupId, reason, expires, ...(cidr ? { cidr } : {}), ...(approvedBy ? { approvedBy } : {}) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
