import { parseCidr } from '../core/model/cidr.js';
import {
  DEFAULT_EXEMPT_TAG_KEY,
  DEFAULT_WATCHED_PORTS,
  DEFAULT_WORLD_PREFIX,
  type PolicyConfig,
  REMEDIATION_MODES,
  type RemediationMode,
  type TrustedCidr,
} from '../core/policy/policy-config.js';
import { ConfigError, type Env, value } from './env.js';
import { parseExemptions } from './parse-exemptions.js';

export interface Config {
  readonly topicArn: string;
  readonly mode: RemediationMode;
  readonly policy: PolicyConfig;
  /** EMR guard: remove watched ports from EMR Block Public Access's permitted ranges (opt-in). */
  readonly emrFixBlockPublicAccess: boolean;
  readonly sweep: {
    /** Regions swept at the same time: bounded, so one account's EC2 API rate is not exhausted. */
    readonly regionConcurrency: number;
  };
  /** Repeat escalation: where openings are counted (no table: not counted) and the window between two. */
  readonly repeat: {
    readonly tableName?: string;
    readonly windowHours: number;
  };
}

/** The settings the scan CLI shares with the Lambda: everything but where findings are published. */
export type PolicySettings = Omit<Config, 'topicArn'>;

export { ConfigError };

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
  const honorExemptTag = bool(env, 'HONOR_EXEMPT_TAG', false);
  const emrFixBlockPublicAccess = bool(env, 'EMR_FIX_BLOCK_PUBLIC_ACCESS', false);
  const exemptTagKey = tagKey(env, 'EXEMPT_TAG_KEY', DEFAULT_EXEMPT_TAG_KEY);
  const regionConcurrency = integer(env, 'SWEEP_REGION_CONCURRENCY', 1, 32, 4);
  const repeatTable = optional(env, 'REPEAT_TABLE', /^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name');
  const repeatWindowHours = integer(env, 'REPEAT_WINDOW_HOURS', 1, 720, 24);
  return deepFreeze({
    mode,
    policy: {
      watchedPorts,
      trustedCidrs,
      worldPrefix,
      remediatePublicSources,
      exemptions,
      honorExemptTag,
      exemptTagKey,
    },
    emrFixBlockPublicAccess,
    sweep: { regionConcurrency },
    repeat: { ...(repeatTable ? { tableName: repeatTable } : {}), windowHours: repeatWindowHours },
  });
}

function required(env: Env, name: string, pattern: RegExp, accepted: string): string {
  const raw = value(env, name);
  if (!raw || !pattern.test(raw)) throw new ConfigError(name, accepted, raw ?? '');
  return raw;
}

function optional(env: Env, name: string, pattern: RegExp, accepted: string): string | undefined {
  const raw = value(env, name);
  if (raw === undefined || raw === '') return undefined;
  if (!pattern.test(raw)) throw new ConfigError(name, accepted, raw);
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

/** EC2 tag keys: 1-128 letters, digits, spaces and `_.:/=+-@`; `aws:` is reserved for AWS. */
function tagKey(env: Env, name: string, fallback: string): string {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(raw) || /^aws:/i.test(raw)) {
    throw new ConfigError(
      name,
      'a tag key of 1-128 letters, digits, spaces or _.:/=+-@, not starting with aws:',
      raw,
    );
  }
  return raw;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
