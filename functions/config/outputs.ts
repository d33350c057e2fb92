import { ConfigError, type Env, value } from './env.js';

/**
 * Where findings go besides the account's own topic, read once at cold start. Every variable is
 * optional: a stack deployed without the hub parameters sets none, and publishes as it always did.
 */
export interface OutputsConfig {
  /** The organisation's hub topic (infra/hub.yml), in the security account. */
  readonly centralTopicArn?: string;
  /** The bus each finding is put on as an event: `default`, the account's own default bus. */
  readonly eventBusName?: string;
  readonly securityHub: 'off' | 'import';
}

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/;
/** A bus name, or a bus ARN (PutEvents takes either). */
const BUS = /^([\w.\-/]{1,256}|arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[\w.\-/]{1,256})$/;

export function loadOutputsConfig(env: Env): OutputsConfig {
  const centralTopicArn = value(env, 'CENTRAL_TOPIC_ARN');
  if (centralTopicArn !== undefined && !TOPIC_ARN.test(centralTopicArn))
    throw new ConfigError('CENTRAL_TOPIC_ARN', 'an SNS topic ARN', centralTopicArn);
  const eventBusName = value(env, 'FINDINGS_EVENT_BUS');
  if (eventBusName !== undefined && !BUS.test(eventBusName))
    throw new ConfigError('FINDINGS_EVENT_BUS', 'an event bus name (e.g. default) or ARN', eventBusName);
  const securityHub = value(env, 'SECURITY_HUB_IMPORT') ?? 'false';
  if (securityHub !== 'true' && securityHub !== 'false')
    throw new ConfigError('SECURITY_HUB_IMPORT', 'true or false', securityHub);
  return Object.freeze({
    ...(centralTopicArn ? { centralTopicArn } : {}),
    ...(eventBusName ? { eventBusName } : {}),
    securityHub: securityHub === 'true' ? 'import' : 'off',
  });
}
