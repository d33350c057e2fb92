import { parseCidr } from '../core/model/cidr.js';
import { unionSize, worldSize } from '../core/policy/address-union.js';
import { isNonRoutable } from '../core/policy/non-routable.js';
import {
  DEFAULT_EXEMPT_TAG_KEY,
  DEFAULT_WATCHED_PORTS,
  DEFAULT_WORLD_PREFIX,
  type PolicyConfig,
  REMEDIATION_MODES,
  type RemediationMode,
  type TrustedCidr,
} from '../core/policy/policy-config.js';
import { ConfigError, type Env, readSetting, value } from './env.js';
import { parseExemptions, type WorldPrefix } from './parse-exemptions.js';
import { dynamoTableName, oneOf, tagKey, tcpPorts, topicArn, trueOrFalse, wholeNumber } from './settings.js';

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
  /** Host posture (opt-in): findings name the instances behind a group and their SSH posture. */
  readonly hostPosture?: HostPostureSettings;
}

export interface HostPostureSettings {
  readonly enabled: boolean;
  /** Instances read per handled event to enrich its findings (one DescribeInstances page). */
  readonly maxInstances: number;
  /** The instances the posture association targets (absent: all), for the not-assessed list. */
  readonly tag?: { readonly key: string; readonly value: string };
}

/** The settings the scan CLI shares with the Lambda: everything but where findings are published. */
export type PolicySettings = Omit<Config, 'topicArn'>;

export { ConfigError };

/** Reads and validates every setting once; the result is frozen and passed down. */
export function loadConfig(env: Env): Config {
  const topic = value(env, 'TOPIC_ARN');
  if (topic === undefined) throw new ConfigError('TOPIC_ARN', topicArn.accepted, '');
  return deepFreeze({ topicArn: readSetting(env, 'TOPIC_ARN', topicArn, topic), ...loadPolicySettings(env) });
}

/** The same variables, validated the same way, for tools that publish nowhere (the scan CLI). */
export function loadPolicySettings(env: Env): PolicySettings {
  const mode = readSetting(env, 'REMEDIATION_MODE', oneOf(REMEDIATION_MODES), 'revoke');
  const watchedPorts = readSetting(env, 'WATCHED_PORTS', tcpPorts, [...DEFAULT_WATCHED_PORTS]);
  const worldPrefix = {
    4: readSetting(env, 'WORLD_PREFIX_IPV4', wholeNumber(0, 32), DEFAULT_WORLD_PREFIX[4]),
    6: readSetting(env, 'WORLD_PREFIX_IPV6', wholeNumber(0, 128), DEFAULT_WORLD_PREFIX[6]),
  };
  const trustedCidrs = trusted(env, 'TRUSTED_CIDRS', worldPrefix);
  const remediatePublicSources = readSetting(env, 'REMEDIATE_PUBLIC_SOURCES', trueOrFalse, false);
  const exemptions = parseExemptions(env, 'EXEMPTIONS', worldPrefix);
  const honorExemptTag = readSetting(env, 'HONOR_EXEMPT_TAG', trueOrFalse, false);
  const emrFixBlockPublicAccess = readSetting(env, 'EMR_FIX_BLOCK_PUBLIC_ACCESS', trueOrFalse, false);
  const exemptTagKey = readSetting(env, 'EXEMPT_TAG_KEY', tagKey, DEFAULT_EXEMPT_TAG_KEY);
  const regionConcurrency = readSetting(env, 'SWEEP_REGION_CONCURRENCY', wholeNumber(1, 32), 4);
  const hostPosture = hostPostureSettings(env);
  const repeatTable = readSetting<string | undefined>(env, 'REPEAT_TABLE', dynamoTableName, undefined);
  const repeatWindowHours = readSetting(env, 'REPEAT_WINDOW_HOURS', wholeNumber(1, 720), 24);
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
    hostPosture,
    repeat: { ...(repeatTable ? { tableName: repeatTable } : {}), windowHours: repeatWindowHours },
  });
}

function hostPostureSettings(env: Env): HostPostureSettings {
  const enabled = readSetting(env, 'HOST_POSTURE', trueOrFalse, false);
  const maxInstances = readSetting(env, 'HOST_POSTURE_MAX_INSTANCES', wholeNumber(1, 100), 10);
  const key = readSetting<string | undefined>(env, 'HOST_POSTURE_TAG_KEY', tagKey, undefined);
  const tagValue = value(env, 'HOST_POSTURE_TAG_VALUE') ?? 'true';
  return { enabled, maxInstances, ...(key ? { tag: { key, value: tagValue } } : {}) };
}

function trusted(env: Env, name: string, worldPrefix: WorldPrefix): TrustedCidr[] {
  const raw = value(env, name);
  if (raw === undefined) return [];
  const list = raw.split(',').map((text) => {
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
  // Nor may several together: two trusted /9s are one trusted /8, which the bound forbids. Ranges
  // wholly in private space are left out of the sum: they never change a verdict.
  for (const family of [4, 6] as const) {
    const ranges = list.filter((t) => t.cidr.family === family && !isNonRoutable(t.cidr)).map((t) => t.cidr);
    if (ranges.length > 1 && unionSize(ranges) >= worldSize(family, worldPrefix[family]))
      throw new ConfigError(
        name,
        `CIDRs that together stay narrower than the world bound /${worldPrefix[family]}`,
        raw.trim(),
      );
  }
  return list;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
