import type { CanarySettings } from '../core/model/canary-outcome.js';

const GROUP_ID = /^sg-[0-9a-f]{8,17}$/;

function positiveInteger(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`${name} must be a whole number from 1 to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

/** The canary's settings from its environment, validated once; a bad value names the variable. */
export function readCanarySettings(env: Readonly<Record<string, string | undefined>>): CanarySettings {
  const groupId = env.CANARY_GROUP_ID ?? '';
  if (!GROUP_ID.test(groupId))
    throw new Error(`CANARY_GROUP_ID must be a security group id (sg-...), got ${JSON.stringify(groupId)}`);
  // The bound must leave the function time to clean up: its timeout is bound + a minute (serverless.yml).
  const boundSeconds = positiveInteger(env, 'CANARY_BOUND_SECONDS', 300, 840);
  const pollMs = positiveInteger(env, 'CANARY_POLL_MS', 1000, 60_000);
  return Object.freeze({ groupId, boundMs: boundSeconds * 1000, pollMs });
}
